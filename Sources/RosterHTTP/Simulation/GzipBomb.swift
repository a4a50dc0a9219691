public import Foundation

/// A valid gzip member that expands to many zero bytes: what a hostile vendor sends with
/// `Content-Encoding: gzip` to make a client that trusts the small compressed size decompress
/// gigabytes. For tests and benchmarks of the body cap. Deflate with the fixed Huffman code
/// (RFC 1951 §3.2.6): one literal zero, then matches of 258 bytes at distance 1, 13 bits each, so the
/// member is about 1/159 of the expanded size; the trailer's CRC-32 and length are correct.
public enum GzipBomb {
    /// A gzip member that decompresses to `expandedBytes` zero bytes (at least 1).
    public static func make(expandedBytes: Int) -> Data {
        let total = max(1, expandedBytes)
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman codes
        bits.writeCode(0x30, length: 8)  // literal 0
        var remaining = total - 1
        while remaining >= 258 {
            bits.writeCode(0b1100_0101, length: 8)  // length code 285: 258 bytes
            bits.writeCode(0, length: 5)  // distance code 0: distance 1
            remaining -= 258
        }
        for _ in 0..<remaining { bits.writeCode(0x30, length: 8) }
        bits.writeCode(0, length: 7)  // end of block (256)
        var member = Data([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF])
        member.append(contentsOf: bits.flushed)
        for value in [crc32OfZeros(total), UInt32(truncatingIfNeeded: total)] {
            withUnsafeBytes(of: value.littleEndian) { member.append(contentsOf: $0) }
        }
        return member
    }

    /// CRC-32 (the gzip one) of `count` zero bytes, by squaring the one-zero-bit operator over GF(2)
    /// instead of running over every byte.
    static func crc32OfZeros(_ count: Int) -> UInt32 {
        func times(_ matrix: [UInt32], _ vector: UInt32) -> UInt32 {
            var sum: UInt32 = 0
            var vector = vector
            var row = 0
            while vector != 0 {
                if vector & 1 != 0 { sum ^= matrix[row] }
                vector >>= 1
                row += 1
            }
            return sum
        }
        func squared(_ matrix: [UInt32]) -> [UInt32] { (0..<32).map { times(matrix, matrix[$0]) } }
        var operatorForBits = [UInt32(0xEDB8_8320)] + (0..<31).map { UInt32(1) << $0 }  // one zero bit
        for _ in 0..<3 { operatorForBits = squared(operatorForBits) }  // one zero byte
        var crc: UInt32 = 0xFFFF_FFFF
        var left = count
        while left > 0 {
            if left & 1 != 0 { crc = times(operatorForBits, crc) }
            left >>= 1
            if left > 0 { operatorForBits = squared(operatorForBits) }
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// Packs bits least significant first, as deflate does.
    private struct BitWriter {
        var bytes: [UInt8] = []
        private var current: UInt32 = 0
        private var filled = 0

        /// Writes the low `count` bits of `value`, least significant first (header fields, extra bits).
        mutating func write(_ value: UInt32, count: Int) {
            for index in 0..<count { push((value >> index) & 1) }
        }

        /// Writes a Huffman code, most significant bit first.
        mutating func writeCode(_ code: UInt32, length: Int) {
            for index in stride(from: length - 1, through: 0, by: -1) { push((code >> index) & 1) }
        }

        private mutating func push(_ bit: UInt32) {
            current |= bit << filled
            filled += 1
            if filled == 8 {
                bytes.append(UInt8(current))
                current = 0
                filled = 0
            }
        }

        /// The bytes, the last one padded with zero bits.
        var flushed: [UInt8] { filled == 0 ? bytes : bytes + [UInt8(current)] }
    }
}
