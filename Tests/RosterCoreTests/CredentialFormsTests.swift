import Foundation
import RosterCore
import Testing

/// A credential is found in the forms text can change it into: letter case, percent-encoding, JSON
/// escapes, base64 and base64url (alone or inside a longer base64 text), and in a record's text.
@Suite("Redaction of changed forms of a credential")
struct CredentialFormsTests {
    /// A key with characters that percent-encoding, form encoding and base64 all change.
    static let key = "Key+9f8e/7d6c=5b4a Zz&~"
    let redactor = CredentialRedactor(secrets: [Self.key])
    let mask = CredentialRedactor.mask

    /// True when `text` still holds `key` in any byte form these tests know.
    static func leaks(_ text: String, _ key: String = key) -> Bool {
        let data = Data(key.utf8)
        let base64 = data.base64EncodedString()
        let forms = [
            key, key.uppercased(), key.lowercased(), base64, String(base64.prefix { $0 != "=" }),
            base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"),
            key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key,
        ]
        return forms.contains { text.contains($0) }
    }

    @Test(arguments: ["KEY+9F8E/7D6C=5B4A ZZ&~", "key+9f8e/7d6c=5b4a zz&~", "kEy+9F8e/7d6C=5b4A zZ&~"])
    func anyLetterCaseIsRedacted(_ variant: String) {
        #expect(redactor.redact("token \(variant) rejected") == "token \(mask) rejected")
    }

    @Test func percentEncodingInEitherHexCaseAndFormEncodingAreRedacted() {
        let strict = "Key%2B9f8e%2F7d6c%3D5b4a%20Zz%26~"
        for encoded in [
            strict, strict.lowercased(), "Key%2b9f8e%2f7d6c%3d5b4a+Zz%26~",  // lower-case hex, + for space
            "Key+9f8e/7d6c%3D5b4a%20Zz&~",  // partly encoded, as URLComponents leaves a query value
            "%4B%65%79%2B9f8e%2F7d6c%3D5b4a%20Zz%26%7E",  // every letter encoded too
        ] {
            let text = redactor.redact("GET /v1/things?api_key=\(encoded)&page=2")
            #expect(text == "GET /v1/things?api_key=\(mask)&page=2", "\(encoded) → \(text)")
        }
    }

    @Test func jsonEscapedFormsAreRedacted() {
        let escaped = #"Key+9f8e\/7d6c=5b4a Zz&~"#
        let unicode = #"\u004Bey+9f8e\u002f7d6c\u003D5b4a\u0020Zz\u0026~"#
        #expect(redactor.redact(#"{"name":"\#(escaped)"}"#) == #"{"name":"\#(mask)"}"#)
        #expect(redactor.redact(#"{"name":"\#(unicode)"}"#) == #"{"name":"\#(mask)"}"#)
    }

    @Test func base64AndBase64URLAloneWithAndWithoutPaddingAreRedacted() throws {
        let base64 = Data(Self.key.utf8).base64EncodedString()
        try #require(base64.contains("+") || base64.contains("/") || base64.hasSuffix("="))
        let url = base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        for form in [base64, String(base64.prefix { $0 != "=" }), url, String(url.prefix { $0 != "=" })] {
            let text = redactor.redact("X-Echo: \(form); next")
            #expect(text == "X-Echo: \(mask); next", "\(form) → \(text)")
        }
    }

    /// `Basic base64(user:key)`: the key lands at each of the three byte alignments of base64 as the
    /// user name grows by one character.
    @Test(arguments: ["u", "us", "use", "user-name-9"])
    func aKeyInsideALongerBase64TextIsRedactedAtEveryAlignment(_ user: String) {
        let basic = Data("\(user):\(Self.key)".utf8).base64EncodedString()
        let text = redactor.redact("Authorization: Basic \(basic)")
        #expect(!text.contains(String(basic.dropFirst(4 * ((user.count + 1) / 3)).prefix(8))), "\(text)")
        #expect(text.contains(mask), "\(text)")
        // What is left is the user's part and at most a character or two of the key's edges (plus
        // padding): the key starts `offset` bytes in, so the first ceil(4·offset/3) characters are
        // the user's, and no more than 3 characters and 2 of padding follow the key's last full one.
        let offset = user.utf8.count + 1
        let remains = text.replacingOccurrences(of: "Authorization: Basic ", with: "")
            .replacingOccurrences(of: mask, with: "")
        #expect(remains.count <= (4 * offset + 2) / 3 + 5, "\(remains)")
        let urlSafe = basic.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        #expect(redactor.redact(urlSafe).contains(mask))
    }

    @Test func aPercentEncodedBase64FormIsRedacted() {
        let base64 = Data(Self.key.utf8).base64EncodedString()
        let encoded = base64.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2f")
            .replacingOccurrences(of: "=", with: "%3D")
        #expect(redactor.redact("?sig=\(encoded)") == "?sig=\(mask)")
    }

    @Test func textWithoutTheKeyIsLeftAlone() {
        let texts = [
            "the participant was not found", "Key+9f8e/7d6c", "S2V5KzlmOGUvN2Q2Yz01YjRh",  // half the key
            Data("another secret entirely".utf8).base64EncodedString(), "%4B%65%79", "",
        ]
        for text in texts { #expect(redactor.redact(text) == text) }
    }

    @Test func learnedSecretsAreFoundInEveryFormToo() {
        let store = SecretStore()
        let redactor = CredentialRedactor(learned: store)
        let token = "eyJhbGciOiJIUzI1NiJ9.minted.token-123"
        store.remember(token)
        #expect(redactor.redact("Bearer \(token.uppercased())") == "Bearer \(mask)")
        #expect(redactor.redact(Data(token.utf8).base64EncodedString()) == mask)
    }

    @Test func anErrorsMessageBodyPathAndFieldErrorsLoseEveryForm() {
        let base64 = Data("api:\(Self.key)".utf8).base64EncodedString()
        let error = RosterError(
            .invalidArgument, "refused \(Self.key.uppercased())", path: "/v1/Key%2B9f8e%2F7d6c%3D5b4a%20Zz%26~",
            vendorBody: #"{"auth":"Basic \#(base64)","k":"Key+9f8e\/7d6c=5b4a Zz&~"}"#,
            fieldErrors: [FieldError(field: "key", messages: ["bad \(Self.key.lowercased())"])])
        let clean = redactor.redact(error)
        for text in [clean.description, clean.vendorBody ?? "", clean.path ?? "", "\(clean.fieldErrors)"] {
            #expect(!Self.leaks(text), "\(text)")
        }
        #expect(!(clean.vendorBody ?? "").contains(String(base64.dropFirst(8).prefix(12))))
    }
}

@Suite("Redaction of a credential a vendor echoed into a record")
struct RecordRedactionTests {
    static let key = "fc-live-5d1a9e77c3b2"

    /// Every string anywhere in `value`, found by reflection, so that a text field added later is
    /// covered by the test without editing it.
    static func strings(in value: Any) -> [String] {
        if let text = value as? String { return [text] }
        if let id = value as? any StringIdentifier { return [id.rawValue] }
        return Mirror(reflecting: value).children.flatMap { strings(in: $0.value) }
    }

    /// An enrollment with the key, in some form, in every text field it has.
    static func hostile() -> Enrollment {
        let k = key
        let upper = key.uppercased()
        return Enrollment(
            provider: "frontcore", id: EnrollmentID("p-\(k)"),
            course: CourseReference(id: CourseID(k), title: "T \(upper)"),
            session: CourseSession(
                id: SessionID(k), title: "S \(k)", timeZone: k, location: Location(
                    id: k, name: k, addressLines: [k, "2 \(upper)"], postalCode: k, city: k, region: k, countryCode: k),
                teachingLanguage: k, vendorStatus: k),
            learner: Learner(
                id: LearnerID(k), email: "\(k)@example.com", firstName: upper, lastName: "x\(k)y",
                displayName: "Name \(k)", username: k, phone: k, organization: Organization(
                    id: OrganizationID(k), name: k, registrationNumber: k), externalID: k,
                avatarURL: "https://cdn.example/a?sig=\(k)"),
            status: .unknown(raw: k), role: .unknown(raw: upper), vendorStatus: VendorStatus(code: k, key: k, title: k),
            payment: PaymentStatus(code: k, title: k),
            customProperties: [k: k, "note": String?.none, "b": "v \(upper)"])
    }

    @Test func everyTextFieldOfARecordIsRedacted() throws {
        let hostile = Self.hostile()
        let before = Self.strings(in: hostile)
        try #require(before.filter { $0.lowercased().contains(Self.key) }.count >= 25)
        let clean = CredentialRedactor(secrets: [Self.key]).redact(hostile)
        let after = Self.strings(in: clean)
        let leaking = after.filter { $0.lowercased().contains(Self.key) }
        #expect(leaking.isEmpty, "\(leaking)")
        #expect(clean.learner.firstName == CredentialRedactor.mask)
        #expect(clean.learner.displayName == "Name \(CredentialRedactor.mask)")
        #expect(clean.customProperties?["note"] == .some(nil))
    }

    @Test func aRecordWithoutTheKeyIsUnchanged() {
        var plain = Self.hostile()
        let redactor = CredentialRedactor(secrets: ["an-unrelated-key-0000"])
        #expect(redactor.redact(plain) == plain)
        plain.learner.firstName = "Åse"
        #expect(redactor.redact(plain).learner.firstName == "Åse")
    }
}
