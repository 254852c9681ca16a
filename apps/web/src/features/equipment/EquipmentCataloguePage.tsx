/**
 * 设备配置标准: the required-equipment catalogue — filters, the demo rows marked 演示数据 (with a banner
 * saying they are not from any standard), the empty-catalogue notice, and for equipment:manage holders
 * add / edit / delete and the import (dry run, error workbook).
 */
import { DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import {
  equipmentDomains,
  equipmentInstitutionKinds,
  equipmentLevels,
  type EquipmentRequirementInput,
  type EquipmentRequirementRecord,
} from '@ohp/contracts';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors, reportError } from '../../shared/errors';
import { fmtDateTime, kindLabel } from '../../shared/format';
import type { ImportReport } from '../../shared/types';
import { ImportModal, type ImportDoor } from '../organisations/ImportModal';
import {
  createRequirement,
  deleteRequirement,
  domainLabel,
  downloadEquipmentErrors,
  downloadEquipmentTemplate,
  importRequirements,
  levelLabel,
  listRequirements,
  updateRequirement,
} from './api';
import { cutCell } from '../../shared/Ellipsis';

type Editing = { mode: 'add' } | { mode: 'edit'; row: EquipmentRequirementRecord } | null;

const ALL_LEVELS = '*';

const RequirementForm = ({
  editing,
  onClose,
  onSaved,
}: {
  editing: Editing;
  onClose: () => void;
  onSaved: () => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const row = editing?.mode === 'edit' ? editing.row : null;
  const submit = async () => {
    const v = (await form.validateFields()) as Omit<EquipmentRequirementInput, 'level'> & { level: string };
    const body = {
      ...v,
      level: v.level === ALL_LEVELS ? null : (v.level as EquipmentRequirementInput['level']),
    };
    setBusy(true);
    try {
      if (row) await updateRequirement(row.id, body);
      else await createRequirement(body);
      void message.success(t('equipment.saved'));
      onSaved();
      onClose();
    } catch (e) {
      if (!applyFormErrors(form, e)) reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={editing !== null}
      title={row ? t('equipment.editTitle') : t('equipment.addTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
      width={620}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          row
            ? { ...row, level: row.level ?? ALL_LEVELS }
            : {
                institutionKind: 'support_institution',
                level: 'city',
                domain: 'hygiene',
                minQuantity: 1,
                effectiveYear: new Date().getFullYear(),
              }
        }
        data-testid="requirement-form"
      >
        <Space wrap>
          <Form.Item
            name="institutionKind"
            label={t('equipment.fields.institutionKind')}
            rules={[{ required: true }]}
          >
            <Select
              style={{ width: 200 }}
              options={equipmentInstitutionKinds.map((k) => ({ value: k, label: kindLabel(k) }))}
            />
          </Form.Item>
          <Form.Item name="level" label={t('equipment.fields.level')} rules={[{ required: true }]}>
            <Select
              style={{ width: 130 }}
              options={[
                ...equipmentLevels.map((l) => ({ value: l, label: levelLabel(l) })),
                { value: ALL_LEVELS, label: t('equipment.allLevels') },
              ]}
            />
          </Form.Item>
          <Form.Item name="domain" label={t('equipment.fields.domain')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              options={equipmentDomains.map((d) => ({ value: d, label: domainLabel(d) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="itemName"
          label={t('equipment.fields.itemName')}
          rules={[{ required: true, max: 100 }]}
        >
          <Input data-testid="requirement-item" />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="minQuantity"
            label={t('equipment.fields.minQuantity')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={1000} precision={0} />
          </Form.Item>
          <Form.Item
            name="effectiveYear"
            label={t('equipment.fields.effectiveYear')}
            rules={[{ required: true }]}
          >
            <InputNumber min={2000} max={2100} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="source" label={t('equipment.fields.source')} rules={[{ required: true, max: 500 }]}>
          <Input placeholder={t('equipment.fields.sourcePlaceholder')} data-testid="requirement-source" />
        </Form.Item>
        <Form.Item name="note" label={t('equipment.fields.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

export const EquipmentCataloguePage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const action = useRef<ActionType>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);
  const [meta, setMeta] = useState<{ size: number; demo: number; manage: boolean } | null>(null);
  const refresh = () => void action.current?.reload();

  const remove = async (r: EquipmentRequirementRecord) => {
    try {
      await deleteRequirement(r.id);
      void message.success(t('equipment.deleted'));
      refresh();
    } catch (e) {
      reportError(message, e);
    }
  };

  const door: ImportDoor = {
    title: t('equipment.importTitle'),
    hint: t('equipment.importHint'),
    downloadTemplate: downloadEquipmentTemplate,
    upload: importRequirements,
    downloadErrors: downloadEquipmentErrors,
    counts: (r: ImportReport) => [
      { key: 'total', label: t('org.importTotal'), value: r.total },
      { key: 'accepted', label: t('org.importAccepted'), value: r.accepted },
      { key: 'updated', label: t('org.importUpdated'), value: r.updated },
      { key: 'unchanged', label: t('org.importUnchanged'), value: r.unchanged },
      { key: 'rejected', label: t('org.importRejected'), value: r.rejected, danger: true },
    ],
  };

  const columns: ProColumns<EquipmentRequirementRecord>[] = [
    { title: t('equipment.qPlaceholder'), dataIndex: 'q', hideInTable: true },
    {
      title: t('equipment.fields.institutionKind'),
      dataIndex: 'institutionKind',
      width: 170,
      valueType: 'select',
      valueEnum: Object.fromEntries(equipmentInstitutionKinds.map((k) => [k, { text: kindLabel(k) }])),
      render: (_, r) => kindLabel(r.institutionKind),
    },
    {
      title: t('equipment.fields.level'),
      dataIndex: 'level',
      width: 100,
      valueType: 'select',
      valueEnum: Object.fromEntries(equipmentLevels.map((l) => [l, { text: levelLabel(l) }])),
      render: (_, r) => levelLabel(r.level),
    },
    {
      title: t('equipment.fields.domain'),
      dataIndex: 'domain',
      width: 170,
      valueType: 'select',
      valueEnum: Object.fromEntries(equipmentDomains.map((d) => [d, { text: domainLabel(d) }])),
      render: (_, r) => domainLabel(r.domain),
    },
    {
      title: t('equipment.fields.itemName'),
      dataIndex: 'itemName',
      hideInSearch: true,
      width: 220,
      render: (_, r) => (
        <Space size={4} wrap>
          {r.itemName}
          {r.demo && <Tag color="orange">{t('equipment.demoTag')}</Tag>}
        </Space>
      ),
    },
    { title: t('equipment.fields.minQuantity'), dataIndex: 'minQuantity', hideInSearch: true, width: 90 },
    {
      title: t('equipment.fields.source'),
      dataIndex: 'source',
      hideInSearch: true,
      ...cutCell('source'),
      width: 220,
      render: (_, r) => (r.demo ? <Tag color="orange">{r.source}</Tag> : r.source),
    },
    { title: t('equipment.fields.effectiveYear'), dataIndex: 'effectiveYear', hideInSearch: true, width: 90 },
    { title: t('equipment.fields.linkedItems'), dataIndex: 'linkedItems', hideInSearch: true, width: 90 },
    {
      title: t('equipment.fields.updatedBy'),
      dataIndex: 'updatedAt',
      hideInSearch: true,
      width: 170,
      render: (_, r) => `${r.updatedBy ?? ''} ${fmtDateTime(r.updatedAt)}`,
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 120,
      hideInTable: !meta?.manage,
      render: (_, r) => [
        <Button
          key="e"
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditing({ mode: 'edit', row: r })}
        >
          {t('equipment.edit')}
        </Button>,
        <Popconfirm
          key="d"
          title={t('equipment.deleteConfirm', { name: r.itemName })}
          description={r.linkedItems ? t('equipment.deleteLinked', { n: r.linkedItems }) : undefined}
          onConfirm={() => void remove(r)}
        >
          <Button type="link" size="small" danger icon={<DeleteOutlined />}>
            {t('equipment.delete')}
          </Button>
        </Popconfirm>,
      ],
    },
  ];

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Alert type="info" showIcon message={t('equipment.catalogueIntro')} style={{ marginBottom: 12 }} />
      {meta && meta.size === 0 && (
        <Alert type="warning" showIcon message={t('equipment.catalogueEmpty')} style={{ marginBottom: 12 }} />
      )}
      {meta && meta.demo > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('equipment.demoBanner', { n: meta.demo })}
          style={{ marginBottom: 12 }}
          data-testid="equipment-demo-banner"
        />
      )}
      <ProTable<EquipmentRequirementRecord>
        rowKey="id"
        actionRef={action}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        request={async (params) => {
          const r = await listRequirements({
            institutionKind: params.institutionKind as string | undefined,
            level: params.level as string | undefined,
            domain: params.domain as string | undefined,
            q: params.q as string | undefined,
          });
          setMeta({ size: r.catalogueSize, demo: r.demoRows, manage: r.abilities.manage });
          return { data: r.data, total: r.total, success: true };
        }}
        pagination={{ defaultPageSize: 20 }}
        scroll={{ x: 1300 }}
        toolBarRender={() =>
          meta?.manage
            ? [
                <Button
                  key="i"
                  icon={<UploadOutlined />}
                  onClick={() => setImporting(true)}
                  data-testid="equipment-import"
                >
                  {t('equipment.import')}
                </Button>,
                <Button
                  key="a"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setEditing({ mode: 'add' })}
                  data-testid="requirement-add"
                >
                  {t('equipment.add')}
                </Button>,
              ]
            : []
        }
      />
      <RequirementForm
        key={editing === null ? 'closed' : editing.mode === 'edit' ? `edit-${editing.row.id}` : 'add'}
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={refresh}
      />
      <ImportModal open={importing} onClose={() => setImporting(false)} onImported={refresh} door={door} />
    </PageContainer>
  );
};
