import Foundation
import RosterHTTP

/// Builds a deterministic Norwegian data set from a seed: customers, venues, courses with two dates
/// each, users, participants and legal bases, with the quirks of the vendor's own samples (an
/// `email` holding a surname, a user with no e-mail, `0` coordinates, custom properties on some
/// records, date-only certificate and archive days, a course with no reference).
struct SimulatorDataGenerator {
    var random: SeededGenerator
    private(set) var nextParticipantID = 100_000
    private(set) var nextUserID = 300_000
    private(set) var nextBookingID = 480_000

    static let firstNames = [
        "Åse", "Bjørn", "Kari", "Ola", "Sindre", "Ingrid", "Øystein", "Marit", "Håkon", "Solveig", "Lars", "Siri",
        "Tormod", "Ragnhild", "Jørgen", "Eirik", "Astrid", "Trond", "Gro", "Nils", "Ærlig", "Mari",
    ]
    static let lastNames = [
        "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Bjørnstad",
        "Sæther", "Lødøen", "Aasheim", "Østby", "Haugen", "Dæhlie", "Grønli", "Våge", "Ødegård",
    ]
    static let cities = [
        ("Oslo", "0150"), ("Bergen", "5003"), ("Trondheim", "7011"), ("Tromsø", "9008"), ("Stavanger", "4006"),
        ("Drammen", "3015"), ("Ålesund", "6002"), ("Bodø", "8006"),
    ]

    let customers: [SimCustomer]
    let locations: [SimLocation]

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
        let base = Date(timeIntervalSince1970: 1_490_000_000)  // March 2017
        customers = [
            ("Beste Kunde AS", "985454545"), ("Fjord Energi AS", "912345678"), ("Nordlys Helse HF", "983974899"),
            ("Trøndelag Bygg AS", "921003344"), ("Sørlandet Rørlegger AS", "930112233"),
        ].enumerated().map { index, pair in
            let city = Self.cities[index % Self.cities.count]
            return SimCustomer(
                id: 32_714 + index * 17, title: pair.0, orgnr: pair.1, address: "Kundeveien \(10 + index)",
                zipcode: city.1, city: city.0, createdAt: base.addingTimeInterval(Double(index) * 86_400))
        }
        locations = [
            SimLocation(
                id: 6489, title: "Sem", state: "Vestfold", county: "Sem", placeID: 1226, latitude: 59.2823015,
                longitude: 10.3300322, isVirtual: false),
            SimLocation(
                id: 2996, title: "Nedre langgate 20", state: nil, county: nil, placeID: 679, latitude: 0, longitude: 0,
                isVirtual: false),
            SimLocation(
                id: 7001, title: "Kurssenteret Tøyen", state: "Oslo", county: "Oslo", placeID: 301, latitude: 59.9139,
                longitude: 10.7522, isVirtual: false),
            SimLocation(
                id: 7002, title: "Bryggen konferanse", state: "Vestland", county: "Bergen", placeID: 4601,
                latitude: 60.3971, longitude: 5.3245, isVirtual: false),
            SimLocation(
                id: 7003, title: "Teams (nettkurs)", state: nil, county: nil, placeID: 0, latitude: 0, longitude: 0,
                isVirtual: true),
        ]
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// `count` courses, each with two course dates.
    mutating func courses(_ count: Int) -> ([SimCourse], [SimCourseDate]) {
        let titles = [
            "Førstehjelp grunnkurs", "Varme arbeider", "HMS for ledere", "Truckførerkurs T1–T4", "Arbeid på vei",
            "Lær REST API", "Bål og brann: brannvern", "Språkkurs: norsk for øvede",
        ]
        var courses: [SimCourse] = []
        var dates: [SimCourseDate] = []
        for index in 0..<count {
            let courseID = 22_353 + index * 101
            courses.append(
                SimCourse(
                    id: courseID,
                    title: titles[index % titles.count] + (index >= titles.count ? " \(index / titles.count + 1)" : ""),
                    reference: index % 5 == 4 ? nil : "KURS-\(1001 + index)",
                    createdAt: index % 5 == 4
                        ? nil : Date(timeIntervalSince1970: 1_421_872_231 + Double(index) * 86_400),
                    updatedAt: Date(timeIntervalSince1970: 1_776_153_059 - Double(index) * 3_600)))
            for run in 0..<2 {
                let month = 1 + (index * 2 + run) % 12
                let day = 1 + int(0...26)
                let length = int(0...2)
                let hour = 8 + int(0...4)
                let venue = locations[(index + run) % locations.count]
                func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
                dates.append(
                    SimCourseDate(
                        id: 12_746_584 + index * 1_000 + run, courseID: courseID,
                        startDay: "2026-\(pad(month))-\(pad(day))", endDay: "2026-\(pad(month))-\(pad(day + length))",
                        deadlineDay: "2026-\(pad(month))-\(pad(day))", timeStart: "\(pad(hour)):00",
                        timeEnd: "\(pad(hour + 4)):\(run == 0 ? "05" : "30")",
                        week: min(52, (month - 1) * 4 + day / 7 + 1),
                        location: venue,
                        teachingLanguage: run == 1 && index % 3 == 2 ? ("Engelsk", "en") : ("Norsk", "no"),
                        guaranteedToRun: run == 0 ? false : nil))
            }
        }
        return (courses, dates)
    }

    /// A new user (every 17th has the seed's swapped-name quirk, every 23rd no e-mail). Every user has a
    /// username (the e-mail address for even ids, as in the vendor's sample); two in three carry an
    /// `external_id` from the school's own system.
    mutating func user(createdAt: Date) -> SimUser {
        let id = nextUserID
        nextUserID += int(1...9)
        let first = pick(Self.firstNames)
        let last = pick(Self.lastNames)
        let address = pick(Self.cities)
        let ordinal = id % 1000
        var user = SimUser(
            id: id, firstname: first, lastname: last,
            email: "\(Self.ascii(first)).\(Self.ascii(last))\(ordinal)@eksempel.no",
            username: "\(Self.ascii(first))\(Self.ascii(last))\(ordinal)", externalID: id % 3 == 0 ? nil : "CRM-\(id)",
            phone: String(90_000_000 + int(0...9_999_999)),
            dateOfBirth: "19\(60 + int(0...39))-0\(int(1...9))-1\(int(0...9))",
            address: "\(pick(["Storgata", "Kirkeveien", "Bjørnstjerne Bjørnsons gate", "Fjordveien"])) \(int(1...120))",
            zipcode: address.1, city: address.0, customerID: int(0...3) == 0 ? nil : pick(customers).id,
            customProperties: nil, createdAt: createdAt, updatedAt: createdAt)
        if id % 17 == 0 {
            user.email = last
            user.firstname = nil
            user.username = "username_\(String(id, radix: 16))"
        } else if id % 23 == 0 {
            user.email = nil
        } else if id % 2 == 0 {
            user.username = user.email
        }
        if id % 5 == 0 { user.customProperties = [("hubspot_id", String(id % 997)), ("kundebooker", nil)] }
        return user
    }

    /// A new participant of `user` on `date`.
    mutating func participant(user: SimUser, date: SimCourseDate, createdAt: Date) -> SimParticipant {
        let id = nextParticipantID
        nextParticipantID += int(1...40)
        nextBookingID += int(1...5)
        let status = [1, 1, 1, 1, 7, 7, 2, 3, 4, 8][int(0...9)]
        let completed = status == 1 && int(0...3) == 0
        let certified = completed && int(0...1) == 0
        return SimParticipant(
            id: id, bookingID: nextBookingID, orderID: 230_000 + id % 50_000, courseDateID: date.id, userID: user.id,
            statusID: status, paidID: [1, 1, 3, 3, 2][int(0...4)], completed: completed, passed: certified,
            noShow: status == 1 && !completed && int(0...9) == 0,
            certificateIssuedDay: certified ? date.endDay : nil, archivedDay: id % 19 == 0 ? "2025-11-20" : nil,
            entrySource: int(0...1) == 0 ? "School" : "User",
            userComment: id % 11 == 0 ? "Ønsker vegetarmat – takk!" : nil,
            customProperties: id % 7 == 0 ? [("custom_property", nil)] : nil,
            createdAt: createdAt, updatedAt: createdAt.addingTimeInterval(Double(int(0...90)) * 86_400),
            statusUpdatedAt: status == 1 ? nil : createdAt.addingTimeInterval(3_600))
    }

    /// The e-mail-safe spelling of a Norwegian name.
    static func ascii(_ name: String) -> String {
        var out = ""
        for character in name.lowercased() {
            switch character {
            case "æ": out += "ae"
            case "ø": out += "o"
            case "å": out += "aa"
            default: out.append(character)
            }
        }
        return out
    }
}
