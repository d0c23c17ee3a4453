// Fault injection for the command's test: every directory listing waits forever, as a library
// whose promise never settles would, so the event loop empties with the run still pending.
import fsPromises from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";

fsPromises.readdir = () => new Promise(() => {});
syncBuiltinESMExports();
