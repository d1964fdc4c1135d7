import { cancelCommand } from "./cancel.js";
import type { CommandModule } from "./command.js";
import { demoCommand } from "./demo.js";
import { detailsCommand } from "./details.js";
import { emulatorCommand } from "./emulator.js";
import { installationsCommand } from "./installations.js";
import { registrationsCommand } from "./registrations.js";
import { sendCommand } from "./send.js";

/** Every subcommand, in the order `nhub --help` lists them. Add new ones here. */
export const COMMANDS: readonly CommandModule[] = [
  sendCommand,
  cancelCommand,
  detailsCommand,
  installationsCommand,
  registrationsCommand,
  emulatorCommand,
  demoCommand,
];
