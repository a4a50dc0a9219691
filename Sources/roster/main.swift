// The `roster` command-line tool; its commands live in the RosterCLI target. Its parser and JWT signing
// come from packages that are only built with the "CLI" trait (on by default in this repository);
// `roster serve` runs the sibling executable `roster-serve`, which holds the HTTP server.
#if CLI
import Foundation
import RosterCLI

exit(await RosterTool.main(CommandLine.arguments.dropFirst().map { $0 }))
#else
import Foundation

FileHandle.standardError.write(Data("roster: built without the CLI trait; build with `swift build` (traits on)\n".utf8))
exit(2)
#endif
