public import RosterCore

extension HTTPClient {
    /// The stack every adapter uses, outermost first: run deadline → retry → rate budget → auth →
    /// observer → transport. The deadline is outermost so that it also cuts retries' backoffs and
    /// budget waits short (it does nothing unless a `RunDeadline` is set); retry comes next so each
    /// attempt takes a budget token and a fresh credential; the observer is innermost so it sees every
    /// attempt.
    public static func standard(
        transport: any HTTPTransport, auth: AuthMiddleware?, budget: RateBudget?, retry: RetryPolicy = .init(),
        clock: any RosterClock = SystemClock(), observer: (any HTTPObserver)?, redactor: CredentialRedactor
    ) -> HTTPClient {
        var middleware: [any HTTPMiddleware] = [DeadlineMiddleware(), RetryMiddleware(policy: retry, clock: clock)]
        if let budget { middleware.append(RateBudgetMiddleware(budget: budget)) }
        if let auth { middleware.append(auth) }
        if let observer { middleware.append(ObserverMiddleware(observer: observer, redactor: redactor, clock: clock)) }
        return HTTPClient(transport: transport, middleware: middleware)
    }
}
