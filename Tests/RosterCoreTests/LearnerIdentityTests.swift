import Foundation
import RosterCore
import Testing

/// Normalization, matching and the Codable form of `LearnerIdentity`.
@Suite struct LearnerIdentityTests {
    @Test func emailIsTrimmedLowerCasedAndComposed() throws {
        // "Å" written as "A" + combining ring: NFC composes it, lower-casing folds it.
        let identity = try #require(LearnerIdentity.normalizedEmail(" \tA\u{30A}se.Ødegård@Example.NO \n"))
        #expect(identity.kind == .email)
        #expect(Array(identity.value.unicodeScalars) == Array("åse.ødegård@example.no".unicodeScalars))
        #expect(identity == .email("åse.ødegård@example.no"))
    }

    @Test(arguments: ["Larsen", "", "   ", "a@b", "x@@y.no", "two words@example.no", "@example.no", "a@example."])
    func aValueThatIsNoAddressIsNoIdentity(_ text: String) {
        #expect(LearnerIdentity.normalizedEmail(text) == nil)
        #expect(LearnerIdentity(kind: .email, value: text) == nil)
        #expect(LearnerIdentity.email(text).normalized == nil)
        #expect(!LearnerIdentity.email(text).matches(Learner(id: "1", email: text)))
    }

    @Test func externalIDsAndUsernamesAreTrimmedAndOtherwiseExact() throws {
        #expect(LearnerIdentity(kind: .externalID, value: "  CRM-17 ") == .externalID("CRM-17"))
        #expect(LearnerIdentity(kind: .username, value: "\tanna_b\n") == .username("anna_b"))
        #expect(LearnerIdentity(kind: .externalID, value: " ") == nil)
        #expect(LearnerIdentity(kind: .username, value: "") == nil)
        let learner = Learner(id: "7", username: "Anna_B", externalID: "crm-17")
        #expect(!LearnerIdentity.username("anna_b").matches(learner), "usernames compare with their case")
        #expect(LearnerIdentity.username(" Anna_B ").matches(learner))
        #expect(!LearnerIdentity.externalID("CRM-17").matches(learner))
        #expect(LearnerIdentity.externalID("crm-17").matches(learner))
    }

    @Test func emailsMatchWhateverTheCaseOnEitherSide() {
        let learner = Learner(id: "1", email: "Zoe.Rousseau@Courriel.FR")
        #expect(LearnerIdentity.email(" ZOE.ROUSSEAU@courriel.fr").matches(learner))
        #expect(LearnerIdentity.of(learner, kind: .email) == .email("zoe.rousseau@courriel.fr"))
        #expect(!LearnerIdentity.email("zoe@courriel.fr").matches(learner))
    }

    @Test func aLearnerWhoseEmailFieldHoldsNoAddressHasNoEmailIdentity() {
        // The vendor sample's user whose "email" is the surname "Larsen".
        let larsen = Learner(id: "524957", email: "Larsen", lastName: "Per", username: "username_75cba24e")
        #expect(LearnerIdentity.of(larsen, kind: .email) == nil)
        #expect(LearnerIdentity.of(larsen, kind: .externalID) == nil)
        #expect(LearnerIdentity.of(larsen, kind: .username) == .username("username_75cba24e"))
    }

    @Test func codableFormIsKindAndValueAndDecodingNormalizes() throws {
        let data = try JSONEncoder().encode(LearnerIdentity.externalID("HR-1"))
        #expect(String(decoding: data, as: UTF8.self).contains(#""kind":"externalID""#))
        #expect(try JSONDecoder().decode(LearnerIdentity.self, from: data) == .externalID("HR-1"))
        let loose = Data(#"{"kind":"email","value":"  Ase@Example.NO"}"#.utf8)
        #expect(try JSONDecoder().decode(LearnerIdentity.self, from: loose) == .email("ase@example.no"))
        for bad in [
            #"{"kind":"email","value":"Larsen"}"#, #"{"kind":"username","value":" "}"#,
            #"{"kind":"phone","value":"1"}"#,
        ] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(LearnerIdentity.self, from: Data(bad.utf8)) }
        }
    }

    @Test func descriptionNamesKindAndValue() {
        #expect(LearnerIdentity.username("anna_b").description == "username:anna_b")
        #expect(LearnerIdentity.Kind.allCases.sorted() == [.email, .externalID, .username])
    }
}

@Suite struct LearnerIdentityMatchingTests {
    @Test func matchesEveryAskedFormInOnePassOverThePeople() {
        let ada = Learner(id: "1", email: "Ada@Example.org", username: "ada", externalID: "E-1")
        let bo = Learner(id: "2", email: "bo@example.org", username: "Ada")
        let twin = Learner(id: "3", email: "ADA@example.org ")
        let asked: [LearnerIdentity] = [
            .email("ada@example.org"), .email(" ADA@EXAMPLE.ORG"), .username("ada"), .externalID("E-1"),
            .externalID("missing"), .email("not an address"),
        ]
        let found = LearnerIdentity.matching(asked, among: [ada, bo, twin])
        #expect(found[.email("ada@example.org")]?.map(\.id) == ["1", "3"])
        #expect(found[.email(" ADA@EXAMPLE.ORG")]?.map(\.id) == ["1", "3"])
        #expect(found[.username("ada")]?.map(\.id) == ["1"], "usernames compare exactly")
        #expect(found[.externalID("E-1")]?.map(\.id) == ["1"])
        #expect(found[.externalID("missing")] == [])
        #expect(found[.email("not an address")] == [])
        #expect(found.count == asked.count)
    }
}
