#if CLI
import ArgumentParser
import Foundation
import RosterCore

/// The tool's documented exit codes (README "Exit codes"); scripts branch on them.
package enum ExitStatus: Int32, CaseIterable {
    /// Everything worked.
    case success = 0
    /// Invalid usage or input, a missing variable, or an operation the provider does not support.
    case usage = 2
    /// The vendor refused the credential (401) or the operation (403).
    case unauthenticated = 3
    /// The course or record does not exist.
    case notFound = 4
    /// Still rate limited after every retry.
    case rateLimited = 5
    /// The network or the vendor is unavailable (refused connection, timeout, 5xx).
    case unavailable = 6
    /// The vendor sent something undecodable, or its paging contradicted itself.
    case badResponse = 7
    /// A bulk or multi-item operation partly failed (or some of its items have an unknown outcome).
    case partialFailure = 8
    /// `roster sync` refused a plan that would remove too many people (or mirror an empty source).
    case shrinkGuard = 9
    /// A write was sent but no answer came, so it may or may not have been applied.
    case outcomeUnknown = 10
    /// The output could not be written: a full disk, a file size limit, an I/O error or a closed
    /// output. An export's destination is left untouched.
    case outputFailed = 11

    /// The exit status for a Roster error code.
    init(_ code: RosterError.Code) {
        switch code {
        case .invalidArgument, .unsupported: self = .usage
        case .unauthenticated, .permissionDenied: self = .unauthenticated
        case .notFound: self = .notFound
        case .rateLimited: self = .rateLimited
        case .unavailable: self = .unavailable
        case .decoding, .inconsistentPaging, .responseTooLarge, .untrustedEndpoint: self = .badResponse
        case .outcomeUnknown: self = .outcomeUnknown
        }
    }
}

/// A failure the tool reports itself: one or two lines on stderr (what failed, which provider, what to
/// do) and an exit status.
package struct ToolFailure: Error, CustomStringConvertible {
    /// The exit status.
    var status: ExitStatus
    /// What failed.
    var message: String
    /// What to do about it, when there is something to say.
    var hint: String?

    /// Creates a failure.
    package init(_ status: ExitStatus, _ message: String, hint: String? = nil) {
        self.status = status
        self.message = message
        self.hint = hint
    }

    /// A Roster error as the tool reports it; `redactor` removes any credential the tool holds.
    init(_ error: RosterError, redactor: CredentialRedactor = CredentialRedactor()) {
        let error = redactor.redact(error)
        status = ExitStatus(error.code)
        // The vendor's words once: when the message already says "HTTP 404", the heading does not.
        if let code = error.httpStatus, error.message.contains("HTTP \(code)") {
            message = error.description.replacingOccurrences(of: " HTTP \(code): ", with: ": ")
        } else {
            message = error.description
        }
        hint = Self.hint(for: error)
    }

    /// The message and the hint on their own lines, each flattened for the terminal (`TerminalText`):
    /// vendor words inside them can neither run an escape sequence nor forge a line.
    package var description: String {
        let text = TerminalText.flatten(message)
        return hint.map { "\(text)\n  \(TerminalText.flatten($0))" } ?? text
    }

    /// A vendor's `Retry-After` as a wait: whole seconds rounded up (`31 s`), or, beyond a day, in
    /// days; never a trap, whatever the vendor sent (`1e300` is "more than 10,000 days").
    static func waitText(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "a while" }
        if seconds <= 86_400 { return "\(Int(seconds.rounded(.up))) s" }
        let days = (seconds / 86_400).rounded(.up)
        return days > 10_000 ? "more than 10,000 days" : "\(Int(days)) days"
    }

    /// `roster <subcommand> --help` for the subcommand being run (as typed), or `roster --help`.
    static func helpCommand(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String {
        let known = RosterTool.configuration.subcommands.map { $0.configuration.commandName ?? "" }
        guard let first = arguments.first, known.contains(first) else { return "roster --help" }
        return "roster \(first) --help"
    }

    /// What a user can do about `error`.
    static func hint(for error: RosterError) -> String? {
        let provider = error.provider.map { ProviderCatalog.kit(named: $0.rawValue) } ?? nil
        switch error.code {
        case .unauthenticated, .permissionDenied:
            return provider.map {
                "check \($0.credentialVariables.joined(separator: " or ")) (and that it may read this course)"
            }
        case .rateLimited:
            return "wait\(error.retryAfterSeconds.map { " " + waitText(seconds: $0) } ?? "") and run again"
        case .unavailable:
            return provider?.baseURLVariable.map {
                "check the network and \($0) (or --base-url); a slow vendor may need a longer --deadline"
            }
        case .unsupported: return "run `roster providers` to see what each provider supports"
        case .decoding, .inconsistentPaging:
            return "the vendor's answer was not usable; run again with --verbose to see requests"
        case .notFound:
            return "check the id (and --course); `roster list --provider \(error.provider?.rawValue ?? "P")` shows what exists"
        case .invalidArgument:
            return error.fieldErrors.isEmpty
                ? "check the options against `\(helpCommand())`" : "fix the fields named above and run again"
        case .responseTooLarge: return "the response exceeded the size cap; narrow the listing (--course, --status)"
        case .untrustedEndpoint:
            return "the vendor pointed at another host and nothing was sent there; check the base URL"
        case .outcomeUnknown:
            let name = error.provider?.rawValue ?? "P"
            return "the write may or may not have been applied: look it up with "
                + "`roster get --provider \(name) <enrollment id>` before running it again"
        }
    }
}
#endif
