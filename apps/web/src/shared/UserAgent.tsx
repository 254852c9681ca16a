/**
 * A User-Agent as people name it ("Chrome 126", "Windows 10/11"), the raw string on hover. A string
 * this reader does not know (a script, a tool) is shown as it is in the browser column.
 */
import { describeUserAgent } from '@ohp/contracts';
import { Tooltip, Typography } from 'antd';
import { currentLang } from './i18n';

export const userAgentParts = (ua: string | null) => describeUserAgent(ua, currentLang());

export const UserAgentText = ({ ua, part }: { ua: string | null; part: 'browser' | 'os' }) => {
  if (!ua) return <Typography.Text type="secondary">-</Typography.Text>;
  const text = userAgentParts(ua)[part];
  return (
    <Tooltip title={ua} placement="topLeft">
      {text ? (
        <span style={{ whiteSpace: 'nowrap' }}>{text}</span>
      ) : part === 'browser' ? (
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 160 }}>
          {ua}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">-</Typography.Text>
      )}
    </Tooltip>
  );
};
