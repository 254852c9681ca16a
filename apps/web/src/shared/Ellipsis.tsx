/**
 * Text cut to one line (or `rows` lines) with an ellipsis by CSS, the whole of it on hover (the title
 * attribute). antd's Typography `ellipsis` measures every instance with getBoundingClientRect — a forced
 * layout each, again on every resize: on a 20-row list with three such cells that was about 0.4 s of
 * the page's load on a 2-core machine, and more on a clerk's old PC. CSS does the same cut for free.
 */
import { Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

type Props = {
  /** The whole text, shown on hover. */
  tip: string;
  /** What is shown (defaults to `tip`). */
  children?: ReactNode;
  width?: number;
  rows?: number;
  type?: 'secondary';
  style?: CSSProperties;
};

const ONE_LINE: CSSProperties = {
  display: 'inline-block',
  maxWidth: '100%',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  verticalAlign: 'bottom',
};

export const Ellipsis = ({ tip, children, width, rows = 1, type, style }: Props) => {
  if (rows > 1)
    return (
      <Typography.Paragraph
        type={type}
        title={tip}
        style={{
          display: '-webkit-box',
          WebkitLineClamp: rows,
          WebkitBoxOrient: 'vertical',
          overflow: 'hidden',
          ...(width ? { width } : {}),
          ...style,
        }}
      >
        {children ?? tip}
      </Typography.Paragraph>
    );
  return (
    <Typography.Text type={type} title={tip} style={{ ...ONE_LINE, ...(width ? { width } : {}), ...style }}>
      {children ?? tip}
    </Typography.Text>
  );
};

/**
 * For a ProTable column instead of `ellipsis: true` (which wraps every cell in the measuring Typography
 * above): antd Table's own CSS cut, and the whole value of `dataIndex` on hover.
 */
export const cutCell = (dataIndex?: string) => ({
  ellipsis: { showTitle: false } as const,
  onCell: (record: object) => {
    const value = dataIndex ? (record as Record<string, unknown>)[dataIndex] : undefined;
    return { title: typeof value === 'string' || typeof value === 'number' ? String(value) : undefined };
  },
});
