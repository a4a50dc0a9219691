#if CLI

/// People a migration finds on both sides: `roster serve --people-in-common N` plants the same N
/// people (same e-mail, username and external id) in every vendor simulator, so that `roster sync`
/// has someone to match. On Frontcore they are confirmed participants of the first course's first
/// course date, not completed; on Meltingspot participants of the first course, every other one
/// `Completed` (the rest `Started`); on Course Dashboard community users who are in no course yet.
struct PersonInCommon: Hashable, Sendable {
    /// Their number, from 1.
    var number: Int
    /// Given name.
    var firstName: String
    /// Family name.
    var lastName: String

    /// `firstname.lastname.N@people-in-common.example`, lower-cased ASCII.
    var email: String { "\(Self.ascii(firstName)).\(Self.ascii(lastName)).\(number)@people-in-common.example" }
    /// `firstname_lastname_N`.
    var username: String { "\(Self.ascii(firstName))_\(Self.ascii(lastName))_\(number)" }
    /// A numeric id from an HR system (Course Dashboard keeps external ids as numbers).
    var externalID: String { String(880_000 + number) }
    /// True for those who finished the course at Meltingspot.
    var completedAtMeltingspot: Bool { number % 2 == 1 }

    private static let firstNames = ["Ingrid", "Mathis", "Chiara", "Sølvi", "Aurélien", "Giulia", "Henrik", "Léa"]
    private static let lastNames = ["Bakke", "Moreau", "Ricci", "Haugen", "Lefèvre", "Conti", "Strand", "Girard"]

    /// The first `count` people (the same for every seed, so the README's ids never move).
    static func first(_ count: Int) -> [PersonInCommon] {
        (0..<max(0, count)).map { index in
            PersonInCommon(
                number: index + 1, firstName: firstNames[index % firstNames.count],
                lastName: lastNames[(index / firstNames.count + index) % lastNames.count])
        }
    }

    private static func ascii(_ text: String) -> String {
        let plain: [Character: Character] = ["é": "e", "è": "e", "ø": "o"]
        return String(text.lowercased().map { plain[$0] ?? $0 })
    }
}
#endif
