#if CLI
import Foundation
import RosterCore
import RosterHTTP

/// Parses `roster serve --faults`: comma-separated `name=value` items that fill a `FaultPlan`.
///
/// | item | meaning |
/// |---|---|
/// | `throttle=0.3` | answer 30 % of requests 429 (seeded, so runs repeat) |
/// | `retry-after=N` | the 429s say `Retry-After: N` seconds (default 1) |
/// | `throttled=A-B` | answer requests A to B 429 |
/// | `unavailable=A-B` | answer requests A to B 503 |
/// | `malformed=A-B`, `truncated=A-B` | damage the bodies of requests A to B |
/// | `late=A-B` | handle requests A to B (a write is applied) but answer only `late-by` seconds later |
/// | `late-by=S` | how late those answers come (default 30) |
/// | `latency=S` | add S seconds to every answer |
/// | `inserts=N`, `deletes=N` | churn: add or remove N records after each list page |
/// | `churn-pages=N` | churn after the first N list pages only (default: every page) |
/// | `limiter=sliding-window` | count `--rate-limit` with a sliding window instead of a token bucket |
/// | `seed=N` | the seed of random choices |
enum FaultSpec {
    /// The plan `text` describes, or a usage failure naming the bad item.
    static func parse(_ text: String) throws -> FaultPlan {
        var plan = FaultPlan()
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw bad(item) }
            let (name, value) = (parts[0], parts[1])
            switch name {
            case "throttle":
                guard let rate = Double(value), (0...1).contains(rate) else { throw bad(item) }
                plan.randomThrottleRate = rate
            case "retry-after":
                guard let seconds = Int(value), seconds >= 0 else { throw bad(item) }
                plan.retryAfter = .seconds(seconds)
            case "throttled": plan.throttled = try numbers(value, item)
            case "unavailable": plan.unavailable = try numbers(value, item)
            case "malformed": plan.malformed = try numbers(value, item)
            case "truncated": plan.truncated = try numbers(value, item)
            case "late": plan.lateAnswers = try numbers(value, item)
            case "late-by":
                guard let seconds = Double(value), seconds >= 0, seconds.isFinite else { throw bad(item) }
                plan.lateAnswerSeconds = seconds
            case "latency":
                guard let seconds = Double(value), seconds >= 0 else { throw bad(item) }
                plan.latencySeconds = seconds
            case "inserts":
                guard let count = Int(value), count >= 0 else { throw bad(item) }
                plan.insertsPerPage = count
            case "deletes":
                guard let count = Int(value), count >= 0 else { throw bad(item) }
                plan.deletesPerPage = count
            case "churn-pages":
                guard let count = Int(value), count >= 0 else { throw bad(item) }
                plan.churnPages = count
            case "limiter":
                switch value {
                case "token-bucket": plan.rateLimiter = .tokenBucket
                case "sliding-window": plan.rateLimiter = .slidingWindow
                default: throw bad(item)
                }
            case "seed":
                guard let seed = UInt64(value) else { throw bad(item) }
                plan.seed = seed
            default: throw bad(item)
            }
        }
        return plan
    }

    /// `A-B` or `A` as a set of request numbers.
    static func numbers(_ value: String, _ item: String) throws -> Set<Int> {
        let bounds = value.split(separator: "-").map { Int($0) }
        guard let low = bounds.first ?? nil, let high = bounds.last ?? nil, bounds.count <= 2, low >= 1, low <= high
        else { throw bad(item) }
        return Set(low...high)
    }

    private static func bad(_ item: String) -> ToolFailure {
        ToolFailure(
            .usage, "--faults: cannot read \"\(item)\"",
            hint:
                "items: throttle=RATE, retry-after=S, throttled=A-B, unavailable=A-B, malformed=A-B, truncated=A-B, late=A-B, late-by=S, latency=S, inserts=N, deletes=N, churn-pages=N, limiter=token-bucket|sliding-window, seed=N"
        )
    }
}
#endif
