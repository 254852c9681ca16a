/**
 * 重新抽取核验: asks the server to draw again from a draw's frozen population with its recorded seed and
 * says whether it matched (the sampling check's and the inspection draws' verify routes answer alike).
 */
import { App, Button } from 'antd';
import { reportError } from '../../shared/errors';

export const VerifyDrawButton = ({
  verify,
  label,
  ok,
  bad,
  testId,
}: {
  verify: () => Promise<{ sameDraw: boolean; populationIntact: boolean }>;
  label: string;
  ok: string;
  bad: string;
  testId: string;
}) => {
  const { message } = App.useApp();
  return (
    <Button
      onClick={() =>
        void verify()
          .then((v) => (v.sameDraw && v.populationIntact ? message.success(ok) : message.error(bad)))
          .catch((e: unknown) => reportError(message, e))
      }
      data-testid={testId}
    >
      {label}
    </Button>
  );
};
