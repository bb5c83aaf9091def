/** The emulator's programmatic surface, for tests and tools. */
export { createEmulator, emulatorState } from "./create-emulator";
export { startEmulator, type RunningEmulator, type StartEmulatorOptions } from "./start-emulator";
export { ControlClient, ControlError } from "./control-client";
export type { EmulatorOptions, ApiKey, KeyRole } from "./options";
export type { FaultRule } from "./faults";
export type { Settings, SettingsPatch } from "./settings";
export type { RequestLogEntry } from "./request-log";
export type { StoredIntegration, StoreSnapshot } from "./store";
export * from "./defaults";
