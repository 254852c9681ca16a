/**
 * 标准计算器 — every calculator of @ohp/standards: pick one on the left, fill in its form (live in the
 * browser for the three used most, run on the server for the rest, ./CalcForms) or, for power users, the
 * JSON the server validates; read the verdict as one sentence with the standard, clause and limit row, then
 * the working. Holders of standards:manage also keep the GBZ 2.1 amendments' effective dates and import
 * standards data (limit rows, GBZ 188 tables) here. In zh-CN the page shows no English beyond units,
 * formula symbols and standard designations: the calculator's id and English name are under 来源说明.
 */
import {
  CalculatorOutlined,
  InfoCircleOutlined,
  ReloadOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Input,
  Menu,
  Result,
  Row,
  Space,
  Spin,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { MenuProps } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { ApiError } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { AmendmentsPanel } from './AmendmentsPanel';
import { ImportPanel } from './ImportPanel';
import {
  GROUPS,
  groupOf,
  listCalculators,
  prettyJson,
  runCalculator,
  type CalcResult,
  type CalculatorInfo,
} from './api';
import { SERVER_FORMS } from './CalcForms';
import { LIVE_FORMS, LiveForm } from './LiveForms';
import { ResultView } from './ResultView';

const nameOf = (c: CalculatorInfo, en: boolean) => (en ? c.nameEn : c.nameZh);

/** Where a server error is shown: next to the input, field by field when the server names them. */
const ServerError = ({ error }: { error: unknown }) => {
  const { t } = useTranslation();
  if (!error) return null;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 12 }}
      data-testid="calc-server-error"
      message={
        error instanceof ApiError && error.status === 400 ? t('standards.invalidBody') : errorMessage(error)
      }
      description={
        details.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {details.map((d, i) => (
              <li key={i}>
                <Typography.Text code>{d.path || '/'}</Typography.Text> {d.message}
                {d.reason ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    ({d.reason})
                  </Typography.Text>
                ) : null}
              </li>
            ))}
          </ul>
        ) : error instanceof ApiError && error.status === 400 ? (
          error.message
        ) : undefined
      }
    />
  );
};

/** The JSON editor: pre-filled with the example, run on the server. */
const JsonPanel = ({
  calc,
  onResult,
}: {
  calc: CalculatorInfo;
  onResult: (r: CalcResult | null, input?: unknown) => void;
}) => {
  const { t } = useTranslation();
  const [text, setText] = useState(() => prettyJson(calc.example, 46));
  const [parseError, setParseError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (input: unknown) => runCalculator(calc.id, input),
    onMutate: () => onResult(null),
    onSuccess: (r, input) => onResult(r, input),
  });
  const submit = () => {
    let input: unknown;
    try {
      input = JSON.parse(text) as unknown;
    } catch (e) {
      setParseError(e instanceof Error ? e.message : String(e));
      // A result shown next to text that no longer parses would answer a question nobody asked.
      onResult(null);
      run.reset();
      return;
    }
    setParseError(null);
    run.mutate(input);
  };
  const format = () => {
    try {
      setText(prettyJson(JSON.parse(text), 46));
      setParseError(null);
    } catch (e) {
      setParseError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div data-testid="json-panel">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('standards.jsonHint')}
      </Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 10, maxRows: 24 }}
        spellCheck={false}
        style={{
          fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
          fontSize: 13,
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        data-testid="calc-json"
        aria-label={t('standards.input')}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Button
          type="primary"
          icon={<ThunderboltOutlined />}
          loading={run.isPending}
          onClick={submit}
          data-testid="calc-run"
        >
          {t('standards.run')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setText(prettyJson(calc.example, 46));
            setParseError(null);
            run.reset();
            onResult(null);
          }}
          data-testid="calc-reset"
        >
          {t('standards.resetExample')}
        </Button>
        <Button onClick={format}>{t('standards.format')}</Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          Ctrl+Enter
        </Typography.Text>
      </Space>
      {parseError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          message={t('standards.jsonInvalid')}
          description={
            // The browser's parser message is English: show where, in the reader's language.
            /position (\d+)/.exec(parseError)
              ? t('standards.jsonInvalidAt', { position: Number(/position (\d+)/.exec(parseError)![1]) + 1 })
              : t('standards.jsonInvalidHint')
          }
          data-testid="calc-parse-error"
        />
      ) : null}
      <ServerError error={run.error} />
    </div>
  );
};

type Outcome = { result: CalcResult; input: unknown } | null;

/** Input and result of one calculator; remounted (state reset) when another calculator is picked. */
const Workspace = ({ calc }: { calc: CalculatorInfo }) => {
  const { t } = useTranslation();
  const live = LIVE_FORMS.has(calc.id);
  const ServerFormOf = SERVER_FORMS[calc.id];
  const hasForm = live || ServerFormOf !== undefined;
  const [tab, setTab] = useState<'form' | 'json'>(hasForm ? 'form' : 'json');
  const [formOut, setFormOut] = useState<Outcome>(null);
  const [jsonOut, setJsonOut] = useState<Outcome>(null);
  const onForm = useCallback(
    (r: CalcResult | null, input?: unknown) => setFormOut(r ? { result: r, input } : null),
    [],
  );
  const onJson = useCallback(
    (r: CalcResult | null, input?: unknown) => setJsonOut(r ? { result: r, input } : null),
    [],
  );
  const json = <JsonPanel calc={calc} onResult={onJson} />;
  const showForm = hasForm && tab === 'form';
  const out = showForm ? formOut : jsonOut;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('standards.input')} data-testid="calc-input">
          {hasForm ? (
            <Tabs
              size="small"
              activeKey={tab}
              onChange={(k) => setTab(k === 'json' ? 'json' : 'form')}
              items={[
                {
                  key: 'form',
                  label: (
                    <span data-testid="tab-form">
                      {live ? t('standards.tabFormLive') : t('standards.tabForm')}
                    </span>
                  ),
                  children: live ? (
                    <LiveForm calc={calc} onResult={onForm} />
                  ) : ServerFormOf ? (
                    <ServerFormOf calc={calc} onResult={onForm} />
                  ) : null,
                },
                {
                  key: 'json',
                  label: <span data-testid="tab-json">{t('standards.tabJson')}</span>,
                  children: json,
                },
              ]}
            />
          ) : (
            json
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('standards.result')} data-testid="calc-output">
          <ResultView
            result={out?.result ?? null}
            input={out?.input}
            calc={calc}
            source={showForm && live ? 'live' : 'server'}
          />
        </Card>
      </Col>
    </Row>
  );
};

export const StandardsPage = () => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const query = useQuery({
    queryKey: ['standards', 'calculators'],
    queryFn: listCalculators,
    staleTime: 300_000,
  });
  const calculators = useMemo(() => query.data?.data ?? [], [query.data]);
  const selected = calculators.find((c) => c.id === params.get('calc')) ?? calculators[0];

  const items = useMemo<MenuProps['items']>(
    () =>
      GROUPS.map((g) => ({ g, list: calculators.filter((c) => groupOf(c) === g) }))
        .filter(({ list }) => list.length > 0)
        .map(({ g, list }) => ({
          type: 'group' as const,
          key: `group-${g}`,
          label: t(`standards.groups.${g}`),
          children: list.map((c) => ({
            key: c.id,
            label: (
              <span data-testid={`calc-${c.id}`} title={nameOf(c, en)}>
                {nameOf(c, en)}
              </span>
            ),
          })),
        })),
    [calculators, en, t],
  );

  if (query.isPending)
    return (
      <PageContainer title={false} breadcrumbRender={false}>
        <Card>
          <Spin />
        </Card>
      </PageContainer>
    );
  if (query.error)
    return (
      <PageContainer title={false} breadcrumbRender={false}>
        <Result
          status="warning"
          title={t('standards.loadFailed')}
          subTitle={errorMessage(query.error)}
          extra={<Button onClick={() => void query.refetch()}>{t('common.refresh')}</Button>}
        />
      </PageContainer>
    );

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7} xxl={5}>
          <Card
            size="small"
            title={
              <Space>
                <CalculatorOutlined />
                {t('standards.calculators')}
                <Typography.Text type="secondary">({calculators.length})</Typography.Text>
              </Space>
            }
            className="ohp-side-card"
          >
            <Menu
              className="ohp-calc-menu"
              mode="inline"
              items={items}
              selectedKeys={selected ? [selected.id] : []}
              onClick={({ key }) => setParams({ calc: key })}
              data-testid="calc-list"
            />
          </Card>
        </Col>
        <Col xs={24} lg={17} xxl={19}>
          {selected ? (
            <>
              <Card size="small" style={{ marginBottom: 16 }} data-testid="calc-header">
                <Space align="center" wrap style={{ marginBottom: 4 }}>
                  <Typography.Title level={5} style={{ margin: 0 }} data-testid="calc-title">
                    {nameOf(selected, en)}
                  </Typography.Title>
                  <Tag color="blue" data-testid="calc-standard">
                    {selected.standard}
                  </Tag>
                  {/* The internal id is for English readers of the API docs only; zh-CN has it under 来源说明. */}
                  {en ? (
                    <Tooltip title={`${selected.id} — POST /api/v1/standards/${selected.id}`}>
                      <InfoCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} data-testid="calc-id-info" />
                    </Tooltip>
                  ) : null}
                </Space>
                <Typography.Paragraph style={{ margin: '6px 0 0' }} data-testid="calc-hint">
                  {t(`standards.hints.${selected.id}`, { defaultValue: t('standards.hintDefault') })}
                </Typography.Paragraph>
              </Card>
              <Workspace key={selected.id} calc={selected} />
            </>
          ) : (
            <Card>
              <Empty />
            </Card>
          )}
        </Col>
      </Row>
      {can('standards:manage') ? (
        <>
          <AmendmentsPanel />
          <ImportPanel />
        </>
      ) : null}
    </PageContainer>
  );
};
