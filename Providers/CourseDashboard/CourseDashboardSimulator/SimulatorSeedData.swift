import Foundation
import RosterHTTP

/// Deterministic, realistic data: Italian courses and people (accents included), a creator and a
/// manager per course, learners in every `join_status` with varied completion rates.
enum SimulatorSeedData {
    static let firstNames = [
        "Niccolò", "Lucrezia", "Giosuè", "Noemi", "Attilio", "Ludovica", "Mattia", "Zoë", "Raffaella", "Gioele",
        "Beatrice", "Tommaso", "Ilaria", "Elia", "Sofia", "Andrea", "Aurora", "Salvatore", "Chiara", "Nicolò",
        "Irene", "Gabriele", "Asia", "Emanuele", "Letizia", "Leonardo", "Martina", "Pietro", "Viola", "Davide",
    ]
    static let lastNames = [
        "Cantù", "Calò", "Parè", "D'Angelo", "Dell'Orto", "Rossi", "Esposito", "Bianchi", "Mazzà", "Lucà",
        "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bonfà", "Santoro", "Mancuso", "De Niccolò", "Galli",
        "Sciarrà", "Fabbri", "Moretti", "Barbieri", "Forlì", "Conti", "Ferrara", "Caruso", "Pellegrini", "Benassù",
    ]
    static let courseNames = [
        "Fotografia di base", "Storia dell'arte contemporanea", "Cucina regionale: la Sicilia",
        "Sicurezza sul lavoro (D.Lgs. 81/08)", "Marketing digitale per le PMI", "Lingua italiana per stranieri",
        "Contabilità e bilancio", "Introduzione a Python", "Gestione dei conflitti", "Pasticceria francese",
    ]
    static let types = ["self-paced", "structured", "scheduled"]
    static let privacies = ["open", "private", "secret", "open"]

    /// A reference instant (2025-09-01T00:00:00Z) all generated dates count back from.
    static let epoch = Date(timeIntervalSince1970: 1_756_684_800)

    /// `Niccolò D'Angelo` → `niccolo_dangelo` (letters, digits, `_` and `-` only, as the API allows).
    static func username(_ realName: String, taken: (String) -> Bool) -> String {
        let base = baseUsername(realName)
        var name = base
        var suffix = 2
        while taken(name) {
            name = "\(base)\(suffix)"
            suffix += 1
        }
        return name
    }

    /// The username of `realName` before any suffix that makes it unique.
    static func baseUsername(_ realName: String) -> String {
        let folded = realName.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return String(folded.compactMap { $0 == " " ? "_" : ($0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : nil) })
    }

    /// Adds a new community user with a random Italian name; returns its id. The name's username is
    /// the first free one of `base`, `base2`, `base3`, … (the state remembers how far each base has
    /// got, so a million users take a million steps, not a million each).
    static func addUser(to state: inout SimulatorState, realName: String? = nil, joined: Date) -> Int {
        let name = realName ?? "\(pick(firstNames, &state.random)) \(pick(lastNames, &state.random))"
        let base: String
        if let known = state.baseUsernames[name] {
            base = known
        } else {
            base = baseUsername(name)
            if realName == nil { state.baseUsernames[name] = base }
        }
        var username = base
        if state.usernames.contains(base) {
            var suffix = state.nextUsernameSuffix[base] ?? 2
            while state.usernames.contains("\(base)\(suffix)") { suffix += 1 }
            username = "\(base)\(suffix)"
            state.nextUsernameSuffix[base] = suffix + 1
        }
        let id = state.nextUserID
        state.nextUserID += 1
        let hasAvatar = state.random.next() % 3 != 0
        let hasExtID = state.random.next() % 2 == 0
        state.users[id] = SimulatedUser(
            id: id, username: username, realName: name,
            avatar: hasAvatar ? "https://community.example/media/avatars/\(id).png" : nil,
            extID: hasExtID ? 100_000 + id : nil, dateJoined: joined)
        state.usernames.insert(username)
        return id
    }

    /// A learner membership in a random state: mostly joined with a spread of rates (0, partial, 100),
    /// some invited, requested and awaiting payment.
    static func learner(_ user: Int, joinedAt: Date, random: inout SeededGenerator) -> SimulatedMembership {
        let roll = random.next() % 100
        let status =
            switch roll {
            case 0..<70: "joined"
            case 70..<82: "invited"
            case 82..<92: "requested"
            default: "payment_waiting"
            }
        var rate = 0
        var lastActive: Date?
        if status == "joined" {
            switch random.next() % 4 {
            case 0: rate = 0
            case 1: rate = 100
            default: rate = Int(1 + random.next() % 99)
            }
            if rate > 0 { lastActive = joinedAt.addingTimeInterval(Double(3600 + random.next() % 2_000_000) + 0.25) }
        }
        return SimulatedMembership(
            user: user, status: status, completionRate: rate, joinedAt: joinedAt, lastActiveAt: lastActive)
    }

    static func pick(_ list: [String], _ random: inout SeededGenerator) -> String {
        list[Int(random.next() % UInt64(list.count))]
    }

    /// The whole community: service user (id 1, manages every course), outsider (id 2, manages
    /// none), one creator per course, and `learnersPerCourse` learners per course drawn from a shared
    /// pool (so some people are in several courses).
    static func community(seed: UInt64, courses: Int, learnersPerCourse: Int) -> SimulatorState {
        var state = SimulatorState(random: SeededGenerator(seed: seed))
        state.users[1] = SimulatedUser(
            id: 1, username: "roster_service", realName: "Servizio Roster", avatar: nil, extID: 900_001,
            dateJoined: epoch.addingTimeInterval(-400 * 86_400))
        state.users[2] = SimulatedUser(
            id: 2, username: "ospite_curioso", realName: "Ospite Curioso", avatar: nil, extID: nil,
            dateJoined: epoch.addingTimeInterval(-300 * 86_400))
        state.usernames = ["roster_service", "ospite_curioso"]
        state.users.reserveCapacity(courses * learnersPerCourse * 3 / 4 + courses + 2)
        let poolSize = max(learnersPerCourse, courses * learnersPerCourse * 3 / 4)
        state.nextUserID = 1000
        var pool: [Int] = []
        for _ in 0..<poolSize {
            let joined = epoch.addingTimeInterval(-Double(state.random.next() % 300) * 86_400)
            pool.append(addUser(to: &state, joined: joined))
        }
        for index in 0..<courses {
            let created = epoch.addingTimeInterval(-Double(200 - index * 7) * 86_400)
            let creator = addUser(to: &state, joined: created.addingTimeInterval(-86_400 * 30))
            let round = index / courseNames.count
            let name = courseNames[index % courseNames.count] + (round > 0 ? " \(round + 1)" : "")
            let id = 101 + index
            let slug = username(name, taken: { _ in false }).replacingOccurrences(of: "_", with: "-")
            state.courses.append(
                SimulatedCourse(
                    id: id, name: name, slug: slug, type: types[index % types.count],
                    privacy: privacies[index % privacies.count], createdAt: created, creator: creator))
            var list = [
                SimulatedMembership(user: creator, status: "creator", completionRate: 0, joinedAt: created),
                SimulatedMembership(user: 1, status: "manager", completionRate: 0, joinedAt: created.addingTimeInterval(600)),
            ]
            var chosen = pool
            list.reserveCapacity(learnersPerCourse + 2)
            for i in 0..<learnersPerCourse {
                let j = i + Int(state.random.next() % UInt64(chosen.count - i))
                chosen.swapAt(i, j)
                let micros = Double(state.random.next() % 1_000_000) / 1_000_000
                let joinedAt = created.addingTimeInterval(Double(86_400 + i * 3_600) + micros)
                list.append(learner(chosen[i], joinedAt: joinedAt, random: &state.random))
            }
            state.members[id] = list
        }
        return state
    }
}
