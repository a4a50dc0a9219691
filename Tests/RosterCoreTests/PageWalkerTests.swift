import RosterCore
import Testing

@Suite struct PageWalkerTests {
    func page(_ count: Int, total: Int? = nil, key: String? = nil, link: String? = nil) -> FetchedPage<Int> {
        FetchedPage(records: Array(0..<count), total: total, lastKey: key, nextLink: link)
    }

    func expectInconsistent(_ body: () throws -> PageWalker.Step) {
        #expect { try body() } throws: { ($0 as? RosterError)?.code == .inconsistentPaging }
    }

    @Test func pageNumberGoesOnAfterAFullPageAndEndsOnAShortOrEmptyOne() throws {
        var walker = PageWalker(style: .pageNumber(firstPage: 1), limit: 3)
        #expect(try walker.advance(after: page(3), at: .start, newRecords: 3) == .next(.page(2)))
        #expect(try walker.advance(after: page(3), at: .page(2), newRecords: 3) == .next(.page(3)))
        #expect(try walker.advance(after: page(2), at: .page(3), newRecords: 2) == .end)
        var empty = PageWalker(style: .pageNumber(firstPage: 0), limit: 3)
        #expect(try empty.advance(after: page(0), at: .start, newRecords: 0) == .end)
    }

    @Test func pageNumberRefusesAFullPageOfRepeatsAndAnOversizedPage() {
        var walker = PageWalker(style: .pageNumber(firstPage: 1), limit: 3)
        expectInconsistent { try walker.advance(after: page(3), at: .page(2), newRecords: 0) }
        var oversized = PageWalker(style: .pageNumber(firstPage: 1), limit: 3)
        expectInconsistent { try oversized.advance(after: page(4), at: .start, newRecords: 4) }
    }

    @Test func pageNumberResumesAfterTheSavedPage() throws {
        var walker = PageWalker(style: .pageNumber(firstPage: 1), limit: 2, resumingAt: .page(5))
        #expect(try walker.advance(after: page(2), at: .page(5), newRecords: 2) == .next(.page(6)))
    }

    @Test func pageNumberWithTotalEndsWhenTheTotalIsReached() throws {
        var walker = PageWalker(style: .pageNumberWithTotal(firstPage: 1), limit: 3)
        #expect(try walker.advance(after: page(3, total: 6), at: .start, newRecords: 3) == .next(.page(2)))
        // The total says page 2 was the last, but it is full: a total that is too low must not cut
        // the walk short, so the walker asks once more and ends on the empty page.
        #expect(try walker.advance(after: page(3, total: 6), at: .page(2), newRecords: 3) == .next(.page(3)))
        #expect(try walker.advance(after: page(0, total: 6), at: .page(3), newRecords: 0) == .end)
        var zeroBased = PageWalker(style: .pageNumberWithTotal(firstPage: 0), limit: 3)
        #expect(try zeroBased.advance(after: page(3, total: 7), at: .start, newRecords: 3) == .next(.page(1)))
        var none = PageWalker(style: .pageNumberWithTotal(firstPage: 1), limit: 3)
        #expect(try none.advance(after: page(0, total: 0), at: .start, newRecords: 0) == .end)
        var noTotal = PageWalker(style: .pageNumberWithTotal(firstPage: 1), limit: 3)
        #expect(try noTotal.advance(after: page(2), at: .start, newRecords: 2) == .end)
    }

    @Test func pageNumberWithTotalRefusesAnEmptyPageTheTotalPointsPast() throws {
        var walker = PageWalker(style: .pageNumberWithTotal(firstPage: 1), limit: 3)
        _ = try walker.advance(after: page(3, total: 9), at: .start, newRecords: 3)
        expectInconsistent { try walker.advance(after: page(0, total: 9), at: .page(2), newRecords: 0) }
        var repeats = PageWalker(style: .pageNumberWithTotal(firstPage: 1), limit: 3)
        expectInconsistent { try repeats.advance(after: page(3, total: 9), at: .start, newRecords: 0) }
    }

    @Test func keysetContinuesAfterTheLastKeyAndEndsOnAShortOrEmptyPage() throws {
        var walker = PageWalker(style: .keyset, limit: 2)
        #expect(try walker.advance(after: page(2, key: "b"), at: .start, newRecords: 2) == .next(.after("b")))
        #expect(try walker.advance(after: page(2, key: "d"), at: .after("b"), newRecords: 2) == .next(.after("d")))
        #expect(try walker.advance(after: page(1, key: "e"), at: .after("d"), newRecords: 1) == .end)
        #expect(try walker.advance(after: page(0), at: .after("e"), newRecords: 0) == .end)
    }

    @Test func keysetRefusesARepeatedKeyAndAPageWithoutKey() {
        var walker = PageWalker(style: .keyset, limit: 2)
        _ = try? walker.advance(after: page(2, key: "b"), at: .start, newRecords: 2)
        expectInconsistent { try walker.advance(after: page(2, key: "b"), at: .after("b"), newRecords: 0) }
        var keyless = PageWalker(style: .keyset, limit: 2)
        expectInconsistent { try keyless.advance(after: page(2), at: .start, newRecords: 2) }
        var resumed = PageWalker(style: .keyset, limit: 2, resumingAt: .after("k"))
        expectInconsistent { try resumed.advance(after: page(2, key: "k"), at: .after("k"), newRecords: 2) }
    }

    @Test func nextLinkFollowsLinksUntilNil() throws {
        var walker = PageWalker(style: .nextLink, limit: 2)
        #expect(
            try walker.advance(after: page(2, link: "https://x/?o=2"), at: .start, newRecords: 2)
                == .next(.link("https://x/?o=2")))
        #expect(try walker.advance(after: page(1), at: .link("https://x/?o=2"), newRecords: 1) == .end)
    }

    @Test func nextLinkRefusesARepeatedLinkAndAnEmptyPageThatPointsOn() throws {
        var walker = PageWalker(style: .nextLink, limit: 2)
        _ = try walker.advance(after: page(2, link: "https://x/?o=2"), at: .start, newRecords: 2)
        expectInconsistent {
            try walker.advance(after: page(2, link: "https://x/?o=2"), at: .link("https://x/?o=2"), newRecords: 2)
        }
        var empty = PageWalker(style: .nextLink, limit: 2)
        expectInconsistent { try empty.advance(after: page(0, link: "https://x/?o=2"), at: .start, newRecords: 0) }
    }

    @Test func pageNumberWithTotalRefusesAShortPageTheTotalPointsPast() {
        // A vendor that silently caps the page size below what was asked must not end the listing early.
        var capped = PageWalker(style: .pageNumberWithTotal(firstPage: 1), limit: 5)
        expectInconsistent { try capped.advance(after: page(2, total: 10), at: .start, newRecords: 2) }
    }

    @Test func nextLinkRefusesAFullPageOfRecordsAlreadyListed() throws {
        var walker = PageWalker(style: .nextLink, limit: 2)
        _ = try walker.advance(after: page(2, link: "https://x/?o=2"), at: .start, newRecords: 2)
        expectInconsistent {
            try walker.advance(after: page(2, link: "https://x/?o=4"), at: .link("https://x/?o=2"), newRecords: 0)
        }
        var partial = PageWalker(style: .nextLink, limit: 2)
        _ = try partial.advance(after: page(2, link: "https://x/?o=2"), at: .start, newRecords: 2)
        #expect(
            try partial.advance(after: page(2, link: "https://x/?o=4"), at: .link("https://x/?o=2"), newRecords: 1)
                == .next(.link("https://x/?o=4")))
    }

    @Test func aPageOfAnySizeBringingOnlyRecordsAlreadySeenAndPointingOnwardFailsTheWalk() throws {
        for style in [PagingStyle.pageNumber(firstPage: 1), .pageNumberWithTotal(firstPage: 1), .nextLink, .keyset] {
            var walker = PageWalker(style: style, limit: 3)
            _ = try walker.advance(after: page(3, total: 10, key: "c", link: "https://x/?o=3"), at: .start, newRecords: 3)
            // A full page of repeats points onward for every style; a short one still does for a next
            // link and for a total of 10.
            expectInconsistent {
                try walker.advance(after: page(3, total: 10, key: "f", link: "https://x/?o=6"), at: .page(2), newRecords: 0)
            }
            var short = PageWalker(style: style, limit: 3)
            _ = try short.advance(after: page(3, total: 10, key: "c", link: "https://x/?o=3"), at: .start, newRecords: 3)
            switch style {
            case .pageNumber:
                // A short page ends a bare page-number walk: its repeats are drift, re-read by the facade.
                #expect(try short.advance(after: page(1), at: .page(2), newRecords: 0) == .end)
            case .keyset:
                // Keyset walks are never re-read, so repeats there are always an error.
                expectInconsistent { try short.advance(after: page(1, key: "d"), at: .after("c"), newRecords: 0) }
            default:
                expectInconsistent {
                    try short.advance(after: page(1, total: 10, key: "d", link: "https://x/?o=6"), at: .page(2), newRecords: 0)
                }
            }
        }
        // A last next-link page (no link onward) of repeats ends the walk, to be re-read.
        var last = PageWalker(style: .nextLink, limit: 3)
        _ = try last.advance(after: page(3, link: "https://x/?o=3"), at: .start, newRecords: 3)
        #expect(try last.advance(after: page(2), at: .link("https://x/?o=3"), newRecords: 0) == .end)
    }

    @Test func theFirstPageAfterAResumeMayHoldOnlyRecordsYieldedBeforeTheCheckpoint() throws {
        var walker = PageWalker(style: .pageNumber(firstPage: 1), limit: 3, resumingAt: .page(4))
        #expect(try walker.advance(after: page(2), at: .page(4), newRecords: 0) == .end)
    }

    @Test func aHardPageCapStopsAWalkThatNeverEnds() throws {
        var walker = PageWalker(style: .nextLink, limit: 2, maxPages: 5)
        var position = PagePosition.start
        var pages = 0
        do {
            while true {
                pages += 1
                guard case .next(let next) = try walker.advance(
                    after: page(2, link: "https://x/?o=\(pages * 2)"), at: position, newRecords: 2)
                else { break }
                position = next
            }
            Issue.record("the walk ended by itself")
        } catch let error as RosterError {
            #expect(error.code == .inconsistentPaging)
        }
        #expect(pages == 5)
    }

    @Test func theVendorsOwnTotalCapsAWalkThatKeepsPointingOnward() throws {
        // Total 4 at 2 per page needs 3 pages; twice that plus two (8) is the most allowed.
        var walker = PageWalker(style: .nextLink, limit: 2)
        var position = PagePosition.start
        var pages = 0
        #expect(throws: RosterError.self) {
            while true {
                pages += 1
                guard case .next(let next) = try walker.advance(
                    after: page(2, total: 4, link: "https://x/?o=\(pages * 2)"), at: position, newRecords: 2)
                else { break }
                position = next
            }
        }
        #expect(pages == 8)
    }

    @Test func aNegativeTotalIsRefused() {
        var walker = PageWalker(style: .pageNumberWithTotal(firstPage: 1), limit: 3)
        expectInconsistent { try walker.advance(after: page(3, total: -1), at: .start, newRecords: 3) }
    }

    @Test func omittedEntriesCountTowardThePageSize() throws {
        // Two records plus one entry the driver dropped make a full page: the walk goes on.
        var walker = PageWalker(style: .pageNumberWithTotal(firstPage: 1), limit: 3)
        let full = FetchedPage(records: [1, 2], total: 6, omitted: 1)
        #expect(try walker.advance(after: full, at: .start, newRecords: 2) == .next(.page(2)))
    }
}

/// A page made only of entries the driver dropped (Course Dashboard users with a null
/// `join_status`) still leads on: it is neither empty nor a page of repeats.
@Suite struct PageWalkerOmittedOnlyTests {
    @Test func aPageOfOnlyOmittedEntriesWithANextLinkGoesOn() throws {
        var walker = PageWalker(style: .nextLink, limit: 3)
        let link = "https://x.example/?offset=3"
        let omittedOnly = FetchedPage<Int>(records: [], nextLink: link, omitted: 3)
        #expect(try walker.advance(after: omittedOnly, at: .start, newRecords: 0) == .next(.link(link)))
    }
}
