using System.Globalization;
using System.Text;

namespace Publisher.Styles;

/// <summary>Numbers as a book prints them: roman numerals (folios of the front matter, chapter numbers) and words.</summary>
public static class Numerals
{
    /// <summary>Lower-case roman numerals.</summary>
    public static string Roman(int n)
    {
        var values = new[] { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
        var symbols = new[] { "m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i" };
        var sb = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            while (n >= values[i])
            {
                sb.Append(symbols[i]);
                n -= values[i];
            }
        }

        return sb.ToString();
    }

    /// <summary>The number in words, capitalised, up to twenty ("Three"); beyond that its digits.</summary>
    public static string Word(int n)
    {
        string[] words = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen", "Twenty"];
        return n >= 0 && n < words.Length ? words[n] : n.ToString(CultureInfo.InvariantCulture);
    }
}
