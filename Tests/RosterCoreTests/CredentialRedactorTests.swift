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
