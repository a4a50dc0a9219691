/// Sends one request and returns the response: the single method every transport implements
/// (URLSession, in-process, or a test's own). A non-2xx status is a response, not an error; errors
/// are for requests that got no response (network, deadline), and `CancellationError`.
public protocol HTTPTransport: Sendable {
    /// Sends `request`.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// A step around every request: auth, retry, rate budget, observation. Calls `next` zero or more times.
public protocol HTTPMiddleware: Sendable {
    /// Handles `request`, usually by calling `next`.
    func intercept(
        _ request: HTTPRequest, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse
}

/// A transport with middleware in front of it. The first middleware in the list is the outermost.
public struct HTTPClient: HTTPTransport {
    /// The transport at the bottom.
    public let transport: any HTTPTransport
    /// The middleware, outermost first.
    public let middleware: [any HTTPMiddleware]

    /// Creates a client.
    public init(transport: any HTTPTransport, middleware: [any HTTPMiddleware] = []) {
        self.transport = transport
        self.middleware = middleware
    }

    /// Sends `request` through every middleware, then the transport.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await Self.run(request, middleware[...], transport)
    }

    private static func run(
        _ request: HTTPRequest, _ rest: ArraySlice<any HTTPMiddleware>, _ transport: any HTTPTransport
    ) async throws -> HTTPResponse {
        guard let first = rest.first else {
            TransportTracker.current?.markReached()
            return try await transport.send(request)
        }
        let remaining = rest.dropFirst()
        return try await first.intercept(request) { try await run($0, remaining, transport) }
    }
}

/// A transport that hands requests to a Swift function in the same process: how simulators and tests
/// plug in without sockets.
public struct InProcessTransport: HTTPTransport {
    /// The function that answers.
    public let handler: @Sendable (HTTPRequest) async throws -> HTTPResponse

    /// Creates a transport answering with `handler`.
    public init(_ handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        self.handler = handler
    }

    /// Sends one request: see the type's description.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        return try await handler(request)
    }
}
