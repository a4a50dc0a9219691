#if CLI
import Foundation
import HTTPTypes
import Hummingbird
import RosterCLI
import RosterHTTP

/// Bridges Hummingbird to a simulator's `handle(HTTPRequest)`: the request's URL is rebuilt from the
/// Host the client used (falling back to the bound 127.0.0.1 address), so simulators that build
/// absolute next links send the client back to the same origin. `GET /_simulator/requests` answers
/// the simulator's own request log as JSON Lines (number, method, path, status), for tests and
/// for watching what a client sent; it is not part of any vendor's API and needs no credential.
struct SimulatorResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// The simulator answering (behind its JWT gate, when served with `--jwt-secret`).
    let vendor: ServedVendor
    /// The bound address, used when a request has no Host.
    let fallbackAuthority: @Sendable () -> String

    /// Largest request body accepted (simulators take small JSON or form bodies).
    static let maxBodyBytes = 4 << 20

    /// The path of the request log.
    static let requestLogPath = "/_simulator/requests"

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        if request.method == .get, request.head.path == Self.requestLogPath { return requestLog() }
        let body = try await request.body.collect(upTo: Self.maxBodyBytes)
        let authority = request.head.authority ?? fallbackAuthority()
        guard let url = URL(string: "http://\(authority)\(request.head.path ?? "/")") else {
            return Response(status: .badRequest)
        }
        var headers = RosterHTTP.HTTPHeaders()
        for field in request.headers { headers.add(field.name.rawName, field.value) }
        let forwarded = RosterHTTP.HTTPRequest(
            method: HTTPMethod(rawValue: request.method.rawValue), url: url, headers: headers,
            body: body.readableBytes > 0 ? Data(body.readableBytesView) : nil)
        let answer = await vendor.respond(to: forwarded)
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            let lowered = name.lowercased()
            guard lowered != "content-length", lowered != "transfer-encoding", let fieldName = HTTPField.Name(name)
            else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        return Response(
            status: .init(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// Every request the simulator received, one JSON object per line.
    private func requestLog() -> Response {
        let text = vendor.requestLogLines()
        var fields = HTTPFields()
        fields.append(HTTPField(name: .contentType, value: "application/x-ndjson"))
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
#endif
