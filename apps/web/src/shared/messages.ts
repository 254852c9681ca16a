/**
 * The contracts' reason messages (packages/contracts/src/messages.ts) in the UI language, so a form
 * rule says exactly what the server would say about the same value.
 */
import { messageFor } from '@ohp/contracts';
import { currentLang } from './i18n';

export const reasonText = (reason: string): string => messageFor(reason, currentLang());
