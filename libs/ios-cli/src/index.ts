export { formatCompileDate, formatIosTimestamp, type ShowClock } from './clock.format.js';
export {
  CONTROL_PROCESSOR_LEAD_MS,
  DEFAULT_MODULE_VERSIONS,
  defaultPlatformInventory,
  defaultSerial,
  defaultShowContext,
  defaultVersionHardware,
  type ShowRouter,
} from './default-show-context.js';
export { commandFromCommandLine, detectShowCommand } from './detect-show-command.js';
export { imageFileName, IOSD_IMAGE_ID, iosImage, type IosImage } from './ios-image.js';
export { hardwareFromShowPlatform, type ObservedHardware } from './observed-hardware.js';
export {
  redundancyFactsFromShowRedundancy,
  redundancyFactsFromShowRedundancyStates,
  type ObservedInstanceState,
  type ObservedRedundancyFacts,
} from './observed-redundancy.js';
export {
  isShowCommand,
  PARSE_ERROR_CODES,
  SHOW_COMMANDS,
  toValidationError,
  type ParseErrorCode,
  type ParseResult,
  type ShowCommand,
  type ShowParseError,
} from './parse-result.js';
export { parseShowOutput, parseShowOutputs, SHOW_PARSERS, type ParsedShowPart, type ShowObservation } from './parse-show-output.js';
export { modeText, parseModeText, type ObservedRedundancyMode } from './redundancy-labels.js';
export { redundancyView, type InstanceView, type ManualSwact, type RedundancyView } from './redundancy-view.js';
export { renderShow, SHOW_RENDERERS } from './render-show.js';
export {
  type CarrierCard,
  type LastReload,
  type ModuleVersions,
  type PlatformBay,
  type PlatformInventory,
  type PowerSupply,
  type RfFacts,
  type RouterOperatingMode,
  type ShowContext,
  type VersionHardware,
  type VersionLicense,
} from './show-context.js';
export { parseShowPlatform, type ObservedPlatformSlot, type ShowPlatformObservation } from './show-platform.parser.js';
export { espStateText, instanceStateText, renderShowPlatform, rpStateText } from './show-platform.renderer.js';
export { parseShowRedundancyStates, type ObservedManualSwact, type ShowRedundancyStatesObservation } from './show-redundancy-states.parser.js';
export { MANUAL_SWACT_TEXT, renderShowRedundancyStates } from './show-redundancy-states.renderer.js';
export {
  parseShowRedundancy,
  type ObservedCommunications,
  type ObservedProcessor,
  type ObservedUnavailablePeer,
  type ShowRedundancyObservation,
} from './show-redundancy.parser.js';
export { renderShowRedundancy } from './show-redundancy.renderer.js';
export { parseShowVersion, type ShowVersionObservation } from './show-version.parser.js';
export { renderShowVersion } from './show-version.renderer.js';
export { splitShowOutput, type ShowOutputPart } from './split-show-output.parser.js';
export { shownStateSinceMs, standbyHotAfterStartMs, timeInCurrentStateMs, timeToReachStateMs } from './state-time.js';
export { formatInsertTime, formatUptime, parseInsertTime, parseUptime } from './uptime.format.js';
export { AUTONOMOUS_17_LICENSE_TEMPLATE, DEFAULT_VERSION_LICENSE, licenseLines } from './version-license.js';
export { CRYPTO_EXPORT_NOTICE, GPL_NOTICE, isCryptoImage } from './version-notices.js';
export {
  formatXeVersion,
  formatXeVersionLong,
  iosdVersion,
  normalizeXeVersion,
  parseXeVersion,
  releaseTrain,
  xeVersionFromIosd,
  type XeVersion,
} from './xe-version.js';
