/// How the HTTP layer treats a write that may have reached the vendor without an answer, for the
/// current task. By default a write declared idempotent (a set-state `PUT`, say) is repeated within
/// the retry policy. A caller that settles such writes itself — the sync applier, which reads the
/// target before anything is sent again — sets `settledByCaller` for its scope, so the HTTP layer
/// repeats no unanswered write at all and reports `outcomeUnknown` at once.
public enum UnansweredWrites {
    /// True within a scope whose caller settles unanswered writes by reading.
    @TaskLocal public static var settledByCaller = false
}
