// The `roster` command-line tool. Its parser, server and JWT signing come from packages that are
// only built with the "CLI" trait (on by default in this repository).
#if CLI
import Foundation

exit(await RosterTool.main(CommandLine.arguments.dropFirst().map { $0 }))
#else
import Foundation

FileHandle.standardError.write(Data("roster: built without the CLI trait; build with `swift build` (traits on)\n".utf8))
exit(2)
#endif
