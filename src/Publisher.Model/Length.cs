using System.Globalization;

namespace Publisher.Model;

/// <summary>A length in PostScript points (1/72 in). Geometry is never a bare number of unknown unit.</summary>
public readonly record struct Length(double Points) : IComparable<Length>
{
    /// <summary>Zero.</summary>
    public static Length Zero => default;

    /// <summary>From points.</summary>
    public static Length Pt(double v) => new(v);

    /// <summary>From inches.</summary>
    public static Length In(double v) => new(v * 72.0);

    /// <summary>From millimetres.</summary>
    public static Length Mm(double v) => new(v * 72.0 / 25.4);

    /// <summary>In millimetres.</summary>
    public double Millimetres => Points * 25.4 / 72.0;

    /// <summary>In inches.</summary>
    public double Inches => Points / 72.0;

    /// <inheritdoc />
    public int CompareTo(Length other) => Points.CompareTo(other.Points);

    /// <summary>Sum.</summary>
    public static Length operator +(Length a, Length b) => new(a.Points + b.Points);

    /// <summary>Difference.</summary>
    public static Length operator -(Length a, Length b) => new(a.Points - b.Points);

    /// <summary>Scale.</summary>
    public static Length operator *(Length a, double k) => new(a.Points * k);

    /// <summary>Scale.</summary>
    public static Length operator /(Length a, double k) => new(a.Points / k);

    /// <summary>Compare.</summary>
    public static bool operator <(Length a, Length b) => a.Points < b.Points;

    /// <summary>Compare.</summary>
    public static bool operator >(Length a, Length b) => a.Points > b.Points;

    /// <summary>Compare.</summary>
    public static bool operator <=(Length a, Length b) => a.Points <= b.Points;

    /// <summary>Compare.</summary>
    public static bool operator >=(Length a, Length b) => a.Points >= b.Points;

    /// <inheritdoc />
    public override string ToString() => Points.ToString("0.###", CultureInfo.InvariantCulture) + "pt";
}
