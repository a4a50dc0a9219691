import RosterCore
import RosterHTTP

/// The body of `PUT /participants/:id`, form-encoded as the vendor's own example sends it
/// (`http_build_query`): `idStatus`, `idPaid`, `completed`/`passed` as `1`/`0`, and custom properties
/// as PHP bracket keys, `custom_properties[key]=value`, where an empty value clears the key.
enum FrontcoreUpdateEncoding {
    /// The form fields for `changes`; throws `unsupported` for a status Frontcore cannot be set to and
    /// `invalidArgument` for a non-numeric payment code.
    static func form(_ changes: EnrollmentUpdate) throws -> RequestBody {
        var fields: [RequestBody.FormField] = []
        if let status = changes.status {
            guard let id = FrontcoreStatusMapping.statusID(for: status) else {
                throw RosterError(.unsupported, "Frontcore cannot set a participant to \(status)", provider: "frontcore")
            }
            fields.append(.init("idStatus", String(id)))
        }
        if let code = changes.paymentCode {
            guard let id = Int(code) else {
                throw RosterError(.invalidArgument, "Frontcore payment codes are integers, not \"\(code)\"", provider: "frontcore")
            }
            fields.append(.init("idPaid", String(id)))
        }
        if let completed = changes.completed { fields.append(.init("completed", completed ? "1" : "0")) }
        if let passed = changes.passed { fields.append(.init("passed", passed ? "1" : "0")) }
        for (key, value) in (changes.customProperties ?? [:]).sorted(by: { $0.key < $1.key }) {
            fields.append(.init("custom_properties[\(key)]", value ?? ""))
        }
        return .form(fields)
    }
}
