#if CLI
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An executable installed beside the running one (`roster-serve` beside `roster`), found through the
/// running binary's real path, so a symbolic link to `roster` still finds it.
enum SiblingExecutable {
    /// The directory of the running executable, symbolic links resolved.
    static func ownDirectory() -> URL? {
        let own: URL? =
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                URL(fileURLWithPath: path)
            } else {
                Bundle.main.executableURL?.resolvingSymlinksInPath()
            }
        return own?.deletingLastPathComponent()
    }

    /// Replaces this process with `name` from the running executable's directory, giving it
    /// `arguments`; returns only by throwing a usage failure that says how to build or install it.
    static func replaceProcess(with name: String, arguments: [String]) throws -> Never {
        guard let directory = ownDirectory() else {
            throw ToolFailure(.usage, "serve: cannot find the directory of the running roster executable")
        }
        let executable = directory.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ToolFailure(
                .usage, "serve: \(name) is not installed beside roster (in \(directory.path))",
                hint: "build it with `swift build --product \(name)` (or `swift build`), or copy it next to roster")
        }
        try? TextOutput.standardOutput.flush()
        try? TextOutput.standardError.flush()
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        execv(executable, argv)
        let reason = String(cString: strerror(errno))
        argv.forEach { free($0) }
        throw ToolFailure(.usage, "serve: could not start \(executable): \(reason)")
    }
}
#endif
