// `roster-serve`: the HTTP server of `roster serve`, a separate executable so that the rest of the tool
// builds without Hummingbird and SwiftNIO. `roster serve …` replaces itself with `roster-serve …` (the
// same options); run directly, it takes the options of `roster serve`. Built only with the "CLI" trait.
#if CLI
import Foundation
import RosterCLI

exit(await RosterTool.main(["serve"] + CommandLine.arguments.dropFirst(), server: VendorServers.run))
#else
import Foundation

FileHandle.standardError.write(
    Data("roster-serve: built without the CLI trait; build with `swift build` (traits on)\n".utf8))
exit(2)
#endif
