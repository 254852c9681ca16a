/**
 * Colours of an indicator's traffic light from the antd tokens: met green, near amber, below red, and
 * grey for no target, no data and nothing due. `solid` for marks and dots, `bg`/`border` for tiles.
 */
import type { IndicatorState } from '@ohp/contracts';
import type { GlobalToken } from 'antd';
import { REGION_NAME_ENDINGS } from '../i18n-indicators';

export type StateColors = { solid: string; bg: string; border: string };

export const stateColors = (state: IndicatorState, token: GlobalToken): StateColors => {
  switch (state) {
    case 'met':
      return { solid: token.colorSuccess, bg: token.colorSuccessBg, border: token.colorSuccessBorder };
    case 'near':
      return { solid: token.colorWarning, bg: token.colorWarningBg, border: token.colorWarningBorder };
    case 'below':
      return { solid: token.colorError, bg: token.colorErrorBg, border: token.colorErrorBorder };
    default:
      return { solid: token.colorTextQuaternary, bg: token.colorFillAlter, border: token.colorBorder };
  }
};

/** antd Tag / Badge colour names of a state. */
export const stateTagColor = (state: IndicatorState): string =>
  state === 'met' ? 'success' : state === 'near' ? 'warning' : state === 'below' ? 'error' : 'default';

/** The short name of a region for a small tile or a chart axis (长春市 → 长春); two characters at least. */
export const shortRegionName = (name: string): string => {
  for (const end of REGION_NAME_ENDINGS)
    if (name.endsWith(end) && name.length - end.length >= 2) return name.slice(0, -end.length);
  return name;
};

/**
 * Colours of a figure in a chart or on the map: as its traffic light, except that a figure with a value
 * but no target is drawn in the neutral primary colour (a value, not a judgement) rather than grey.
 */
export const chartColors = (state: IndicatorState, token: GlobalToken): StateColors =>
  state === 'no_target'
    ? { solid: token.colorPrimary, bg: token.colorPrimaryBg, border: token.colorPrimaryBorder }
    : stateColors(state, token);
