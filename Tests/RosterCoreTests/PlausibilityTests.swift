import RosterCore
import Testing

@Suite("E-mail plausibility and time parsing")
struct PlausibilityTests {
    @Test(arguments: [
        "ola@example.no", "zoé.lefèvre@exemple.fr", "a+b@x.co", "first.last@sub.domain.example",
    ])
    func addressesArePlausible(_ text: String) {
        #expect(EmailAddress.isPlausible(text))
    }

    @Test(arguments: [
        "Larsen", "", "@example.no", "ola@", "ola@no", "ola@.no", "ola@example.", "ola@exa..mple.no",
        "ola@@example.no", "a@b@example.no", "ola @example.no", "ola@example.no,", "<ola@example.no>",
        "ola;kari@example.no", "ola@example.no\n",
    ])
    func nonAddressesAreNot(_ text: String) {
        #expect(!EmailAddress.isPlausible(text))
    }

    @Test func aLearnerKeepsANonAddressOnlyAsRaw() {
        let learner = Learner(id: "462355", email: "Larsen", lastName: "Per")
        #expect(learner.email == nil)
        #expect(learner.rawEmail == "Larsen")
    }

    @Test(arguments: [("08:00", 8, 0, 0), ("12:05", 12, 5, 0), ("06:00:00", 6, 0, 0), ("23:59:59", 23, 59, 59)])
    func timesParse(_ text: String, _ h: Int, _ m: Int, _ s: Int) throws {
        let time = try #require(LocalTime(text))
        #expect((time.hour, time.minute, time.second) == (h, m, s))
    }

    @Test(arguments: ["", "8:00", "24:00", "12:60", "12:00:60", "12-00", "12:00:0", "ab:cd", "12:00:00Z", "１２:00"])
    func badTimesAreRejected(_ text: String) {
        #expect(LocalTime(text) == nil)
    }
}
