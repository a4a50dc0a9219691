import Foundation
import RosterCore
import Testing

@Suite struct CredentialRedactorTests {
    let secret = "sk_live_9f8e7d6c5b4a"

    @Test func redactsEveryOccurrenceLongestFirst() {
        let redactor = CredentialRedactor(secrets: [secret, "sk_live"])
        let text = redactor.redact("key=\(secret)&again=\(secret) and sk_live")
        #expect(!text.contains(secret))
        #expect(!text.contains("sk_live"))
        #expect(
            text == "key=\(CredentialRedactor.mask)&again=\(CredentialRedactor.mask) and \(CredentialRedactor.mask)")
    }

    @Test func ignoresValuesTooShortToBeSecrets() {
        var redactor = CredentialRedactor(secrets: ["abc"])
        redactor.register("xy")
        #expect(redactor.redact("abc xy") == "abc xy")
    }

    @Test func redactsAnErrorsMessageBodyAndPath() {
        var redactor = CredentialRedactor()
        redactor.register(secret)
        let error = RosterError(
            .unauthenticated, "token \(secret) rejected", path: "/v1/\(secret)/x", vendorBody: "{\"key\":\"\(secret)\"}"
        )
        let clean = redactor.redact(error)
        #expect(!clean.description.contains(secret))
        #expect(clean.vendorBody?.contains(secret) == false)
        #expect(clean.path == "/v1/\(CredentialRedactor.mask)/x")
    }

    /// A redactor lives inside every driver; printing or dumping the driver must not print the secrets.
    @Test func printingOrDumpingARedactorShowsNoSecret() {
        struct Holder { var redactor: CredentialRedactor }
        let holder = Holder(redactor: CredentialRedactor(secrets: [secret]))
        var dumped = ""
        dump(holder, to: &dumped)
        for text in [String(describing: holder), String(reflecting: holder), "\(holder.redactor)", dumped] {
            #expect(!text.contains(secret), "\(text)")
        }
    }
}

@Suite("Redaction of field errors and learned secrets")
struct RedactionCoverageTests {
    @Test func fieldErrorsAndJSONPathsAreRedacted() {
        let secret = "tok-SECRET-123456"
        let error = RosterError(
            .invalidArgument, "refused", jsonPath: "$.\(secret)",
            fieldErrors: [FieldError(code: secret, field: "token \(secret)", messages: ["bad token \(secret)"])])
        let clean = CredentialRedactor(secrets: [secret]).redact(error)
        #expect(!clean.description.contains(secret))
        #expect(!String(describing: clean.fieldErrors).contains(secret))
        #expect(clean.fieldErrors.first?.messages == ["bad token \(CredentialRedactor.mask)"])
    }

    @Test func secretsLearnedAfterConstructionAreRedacted() {
        let store = SecretStore()
        let redactor = CredentialRedactor(learned: store)
        #expect(redactor.redact("Bearer minted-token-1") == "Bearer minted-token-1")
        store.remember("minted-token-1")
        #expect(redactor.redact("Bearer minted-token-1") == "Bearer \(CredentialRedactor.mask)")
        #expect(!String(describing: redactor).contains("minted"))
    }
}
