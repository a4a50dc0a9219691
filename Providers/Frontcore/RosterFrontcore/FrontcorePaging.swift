import Foundation
public import RosterCore

/// How Frontcore listings page. Both ways use `limit` (default 75, at most 250) and end on a short or
/// empty page; the body is a bare JSON array with no total and no next link.
///
/// - `keyset` (the default): `since_id` = the highest id seen so far, starting at `since_id=0`. The
///   server returns only ids above it in ascending order (the documented meaning of `since_id`), so a
///   participant added during the listing appears at its end and a deleted one moves nobody: every
///   participant that survives the listing is listed exactly once. The adapter checks each page is
///   ascending and above the cursor, and fails with `inconsistentPaging` if the server ignores it.
/// - `pageNumber`: `page` = 1, 2, … in the server's order. Deleting a participant during the listing
///   shifts the later ones a place up, so a walk can step over a survivor; pages carry no total to
///   show it, so the facade re-reads every page-number walk of more than one page and yields what the
///   re-read finds (twice the pages). Only for servers where `since_id` does not work.
public enum FrontcorePagingMode: String, Hashable, Sendable, CustomStringConvertible {
    /// `since_id` keyset paging: safe under concurrent inserts and deletes.
    case keyset
    /// `page` number paging: deletions mid-listing shift pages, so each walk is re-read to stay exactly-once.
    case pageNumber

    /// The core paging style this mode walks with.
    public var style: PagingStyle {
        switch self {
        case .keyset: .keyset
        case .pageNumber: .pageNumber(firstPage: 1)
        }
    }

    /// `keyset` or `pageNumber`.
    public var description: String { rawValue }

    /// The paging query items for `position`; throws `invalidArgument` for a position this mode
    /// cannot resume at (a checkpoint saved under the other mode).
    func queryItems(at position: PagePosition) throws -> [(String, String)] {
        switch (self, position) {
        case (.keyset, .start): return [("since_id", "0")]
        case (.keyset, .after(let key)) where Int(key) != nil: return [("since_id", key)]
        case (.pageNumber, .start): return [("page", "1")]
        case (.pageNumber, .page(let n)) where n >= 1: return [("page", String(n))]
        default:
            throw RosterError(
                .invalidArgument, "Frontcore \(self) paging cannot resume at \(position)",
                provider: FrontcoreParticipantMapping.provider)
        }
    }

    /// The key to continue after: the page's last id, once the page is checked to be ascending and
    /// above the cursor it was asked after. Nil for page-number paging.
    func lastKey(of ids: [Int], after position: PagePosition) throws -> String? {
        guard self == .keyset, let last = ids.last else { return nil }
        var previous = (position.afterKey.flatMap { Int($0) }) ?? 0
        for id in ids {
            guard id > previous else {
                throw RosterError(
                    .inconsistentPaging,
                    "Frontcore returned id \(id) after \(previous) on a since_id page: the server does not order by id; "
                        + "configure paging: .pageNumber", provider: FrontcoreParticipantMapping.provider)
            }
            previous = id
        }
        return String(last)
    }
}

extension PagePosition {
    fileprivate var afterKey: String? {
        if case .after(let key) = self { return key }
        return nil
    }
}

/// A list response: the documented bare array, or the `{"items": [...], "pagination": {...}}`
/// envelope seen on another endpoint (`data` and `results` are accepted as the list's name too).
/// The first byte decides which, so a broken record reports its own JSON path.
enum FrontcoreListBody {
    /// The records of `body`.
    static func records<Record: Decodable>(_ type: Record.Type, from body: Data, decoder: JSONDecoder) throws
        -> [Record]
    {
        let first = body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
        if first == UInt8(ascii: "{") {
            return try decoder.decode(Envelope<Record>.self, from: body).items
        }
        return try decoder.decode([Record].self, from: body)
    }

    /// The raw JSON of each of the `count` records of `body`, found where `records` found them.
    static func raw(of body: Data, count: Int) throws -> [RawVendorRecord] {
        let first = body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
        return try JSONRecordBytes.records(
            in: body, members: first == UInt8(ascii: "{") ? ["items", "data", "results"] : [], count: count)
    }

    private struct Envelope<Record: Decodable>: Decodable {
        var items: [Record]
        enum CodingKeys: String, CodingKey { case items, data, results }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            for key in [CodingKeys.items, .data, .results] where container.contains(key) {
                items = try container.decode([Record].self, forKey: key)
                return
            }
            throw DecodingError.keyNotFound(
                CodingKeys.items,
                .init(codingPath: decoder.codingPath, debugDescription: "a list envelope without items"))
        }
    }
}
