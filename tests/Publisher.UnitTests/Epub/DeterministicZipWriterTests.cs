using System.IO.Compression;
using System.Text;
using Publisher.Epub.Zip;

namespace Publisher.UnitTests.Epub;

public sealed class DeterministicZipWriterTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        // The CRC-32/ISO-HDLC check value for "123456789".
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void Archive_reads_back_with_ZipArchive_and_keeps_order_and_time()
    {
        var zip = new DeterministicZipWriter(new DateTime(2030, 6, 7, 8, 9, 11));
        var big = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("lighthouse ", 1000)));
        zip.Add("mimetype", "application/epub+zip"u8.ToArray(), compress: false);
        zip.Add("b/big.txt", big, compress: true);
        zip.Add("a/ünï.txt", [0xFF, 0x00], compress: true); // incompressible: stored
        using var buffer = new MemoryStream();
        zip.WriteTo(buffer);

        using var archive = new ZipArchive(new MemoryStream(buffer.ToArray()));
        Assert.Equal(["mimetype", "b/big.txt", "a/ünï.txt"], archive.Entries.Select(e => e.FullName));
        Assert.True(archive.Entries[1].CompressedLength < big.Length / 10);
        Assert.Equal(2, archive.Entries[2].CompressedLength);
        using var reader = new StreamReader(archive.Entries[1].Open());
        Assert.Equal(Encoding.UTF8.GetString(big), reader.ReadToEnd());
        Assert.All(archive.Entries, e => Assert.Equal(new DateTime(2030, 6, 7, 8, 9, 10), e.LastWriteTime.DateTime));
    }

    [Theory]
    [InlineData(1970, 1980, 1, 1)]
    [InlineData(2200, 2107, 12, 31)]
    public void Dates_outside_the_DOS_range_are_clamped(int year, int expectedYear, int month, int day)
    {
        var (date, _) = DeterministicZipWriter.ToDosDateTime(new DateTime(year, 5, 5));
        Assert.Equal(expectedYear - 1980, date >> 9);
        Assert.Equal(month, (date >> 5) & 0xF);
        Assert.Equal(day, date & 0x1F);
    }
}
