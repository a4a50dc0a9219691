#if CLI
package import ArgumentParser
import Foundation
import RosterCore
import RosterHTTP

/// The root command: its subcommands, and the one place errors become stderr lines and exit codes.
package struct RosterTool: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "One command line over the course rosters of several LMS vendors.",
        discussion: """
            Vendors: Frontcore, Meltingspot, Course Dashboard (and an in-memory
            provider). Credentials come only from the environment:
            FRONTCORE_API_KEY, MELTINGSPOT_API_KEY, COURSE_DASHBOARD_TOKEN (or
            COURSE_DASHBOARD_JWT_SECRET with COURSE_DASHBOARD_USER_ID).
            Exit codes: 0 ok, 2 usage, 3 unauthenticated, 4 not found, 5 rate
            limited, 6 unavailable, 7 undecodable answer or inconsistent paging,
            8 partly failed, 9 sync refused by its shrink guard, 10 a write's
            outcome is unknown (check with `roster get` before running it again),
            11 output not written; 130/143 export interrupted by SIGINT/SIGTERM.

            Try it offline:  roster demo
            """,
        version: RosterVersion.current,
        subcommands: [
            ProvidersCommand.self, CoursesCommand.self, CourseCommand.self, ListCommand.self, GetCommand.self,
            UpdateCommand.self, EnrollCommand.self, UnenrollCommand.self, ExportCommand.self, SyncCommand.self,
            ServeCommand.self, DemoCommand.self,
        ])

    /// The root command has no options of its own.
    package init() {}

    /// Parses `arguments`, runs the command and returns the exit status. A command that reaches a
    /// provider runs under its `--deadline`. Errors are one or two lines on stderr, with every
    /// credential of the environment redacted. `server` is given by `roster-serve` only: `serve` then
    /// runs the HTTP servers in this process instead of starting `roster-serve` (see `ServeServer`).
    package static func main(_ arguments: [String], server: ServeServer.Run? = nil) async -> Int32 {
        // Past a file size limit, a write must fail with EFBIG (reported, destination untouched)
        // rather than the process being killed mid-file.
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot(arguments)
            if let server, let serve = command as? ServeCommand {
                try await server(serve.servedVendors())
            } else if var asyncCommand = command as? any AsyncParsableCommand {
                let deadline = (command as? any ProviderCommand)?.connection.deadline ?? 0
                try await RunDeadline.withDeadline(seconds: deadline) { try await asyncCommand.run() }
            } else {
                try command.run()
            }
            return ExitStatus.success.rawValue
        } catch let failure as ToolFailure {
            return report(failure)
        } catch let error as RosterError {
            return report(ToolFailure(error, redactor: EnvironmentSecrets.redactor))
        } catch let error as FileWriteError {
            return report(ToolFailure(error))
        } catch let interrupted as InterruptedRun {
            TextOutput.standardOutput.discard()
            return interrupted.status
        } catch is CancellationError {
            return report(ToolFailure(.unavailable, "cancelled"))
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                guard !message.isEmpty else { return 0 }
                do {
                    try TextOutput.standardOutput.write(message + "\n")
                    try TextOutput.standardOutput.flush()
                } catch let error as FileWriteError {
                    return report(ToolFailure(error))
                } catch {}
                return 0
            }
            if !message.isEmpty { TextOutput.standardError.line(message) }
            return code == .validationFailure || code == .failure ? ExitStatus.usage.rawValue : code.rawValue
        }
    }

    private static func report(_ failure: ToolFailure) -> Int32 {
        try? TextOutput.standardOutput.flush()
        TextOutput.standardError.line("roster: " + EnvironmentSecrets.redactor.redact(failure.description))
        return failure.status.rawValue
    }
}
#endif
