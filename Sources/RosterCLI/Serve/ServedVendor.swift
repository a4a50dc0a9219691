#if CLI
import Foundation
import RosterCore
package import RosterHTTP

/// One vendor simulator ready to be served by `roster-serve`: the port to bind, the handler (with the
/// JWT gate of `serve --jwt-secret` in front when there is one), its request log, and the shell lines
/// to print once it listens.
package struct ServedVendor: Sendable {
    /// The provider kit served.
    let kit: ProviderKit
    /// Its simulator.
    let simulator: ServedSimulator
    /// The port to bind (0 picks a free one).
    package let port: Int
    /// Exchanges served JWTs for the simulator's tokens, when set.
    let gate: JWTGate?
    /// The JWT secret to print instead of a token, when the gate is set.
    let secret: String?

    /// Every request the simulator received, one JSON object per line (`number`, `method`, `path`,
    /// `status`): what `GET /_simulator/requests` answers.
    package func requestLogLines() -> String {
        var text = ""
        for entry in simulator.injector.requests {
            let line: JSONValue = .object([
                (key: "number", value: .number(entry.number)), (key: "method", value: .text(entry.method.rawValue)),
                (key: "path", value: .text(entry.path)), (key: "status", value: .number(entry.status)),
            ])
            text += line.compact + "\n"
        }
        return text
    }

    /// Answers one request: the gate first (a JWT exchanged, or a 401), then the simulator.
    package func respond(to request: HTTPRequest) async -> HTTPResponse {
        switch gate?.admit(request) ?? .admitted(request) {
        case .admitted(let admitted): return await simulator.handle(admitted)
        case .refused(let refusal): return refusal
        }
    }

    /// The lines printed on stdout once the server listens on `boundPort`: a heading comment, the base
    /// URL variable and the credential variables (the simulator's own fake ones, safe to print).
    package func exportLines(boundPort: Int) -> String {
        let credentialLines =
            if let secret, let user = simulator.jwtUsers?.serviceUser {
                "export COURSE_DASHBOARD_JWT_SECRET=\(secret)\nexport COURSE_DASHBOARD_USER_ID=\(user)"
            } else {
                "export \(simulator.credentialVariable)=\(simulator.credential)"
            }
        return """
            # \(kit.name): \(kit.title) simulator
            export \(kit.baseURLVariable ?? "BASE_URL")=http://127.0.0.1:\(boundPort)\(simulator.pathPrefix)
            \(credentialLines)
            """
    }
}
#endif
