import Foundation
import RosterCore
import RosterHTTP

/// A transport that answers from a script, one step per request, and records what it was sent.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    enum Step {
        case respond(HTTPResponse)
        case fail(RosterError)
    }

    private let lock = NSLock()
    private var steps: [Step]
    private var received: [HTTPRequest] = []
    private let fallback: HTTPResponse

    init(_ steps: [Step], fallback: HTTPResponse = HTTPResponse(status: 200, body: Data("[]".utf8))) {
        self.steps = steps
        self.fallback = fallback
    }

    var requests: [HTTPRequest] { lock.withLock { received } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let step: Step? = lock.withLock {
            received.append(request)
            return steps.isEmpty ? nil : steps.removeFirst()
        }
        switch step {
        case .respond(let response): return response
        case .fail(let error): throw error
        case nil: return fallback
        }
    }
}

extension HTTPResponse {
    static func status(_ code: Int, _ headers: HTTPHeaders = [:], body: String = "") -> HTTPResponse {
        HTTPResponse(status: code, headers: headers, body: Data(body.utf8))
    }
}

func getRequest(_ url: String = "https://api.example.com/v1/things") -> HTTPRequest {
    HTTPRequest(method: .get, url: URL(string: url)!)
}
