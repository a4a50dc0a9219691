#if CLI
import RosterHTTP

/// Ids given on the command line, checked before anything is sent: an id that is empty, or that is
/// `.` or `..` (also percent-encoded, or as a `/`-separated part) would change the path of the
/// request it goes into, so it is a usage error (exit 2) naming the option — the same rule the
/// adapters apply to every id they put into a path (`PathSegment`).
enum IDArgument {
    /// `value`, or a usage failure when it cannot be an id.
    static func checked(_ value: String, _ name: String) throws -> String {
        if let problem = PathSegment.problem(with: value) {
            throw ToolFailure(.usage, "\(name) \"\(value)\" is refused: \(problem)")
        }
        return value
    }

    /// `value` checked, or nil.
    static func checked(_ value: String?, _ name: String) throws -> String? {
        try value.map { try checked($0, name) }
    }
}
#endif
