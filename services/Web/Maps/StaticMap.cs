using System.Globalization;

namespace Marketplace.Web.Maps;

/// <summary>
/// A place to mark on a map: its marker's label ("1", "2"... or empty) and its coordinates in degrees; with a page, its
/// marker is a link to it named <paramref name="Name"/> (the shop's name).
/// </summary>
public sealed record MapPlace(string Label, decimal Latitude, decimal Longitude, string? Name = null, string? Href = null);

/// <summary>One 256 px tile of the grid: its numbers at the map's zoom, and its column and row in the grid.</summary>
public sealed record MapTile(int X, int Y, int Column, int Row);

/// <summary>
/// A marker: its label and where it sits, in pixels from the grid's top left corner (moved off its place when another
/// marker would cover it); a link to <see cref="Href"/> named <see cref="Name"/> when it has one.
/// </summary>
public sealed record MapMarker(string Label, double Left, double Top, string? Name = null, string? Href = null);

/// <summary>
/// A map without script (ADR 49): a small grid of Web Mercator tiles (OpenStreetMap's "slippy map" numbering) covering
/// the places at the highest zoom where they all fit, and a marker per place at its pixel position. Pure tile maths:
/// the page draws it with absolutely positioned images and markers, in percentages so CSS can scale it on a phone.
/// </summary>
public sealed record StaticMap(int Zoom, int Columns, int Rows, IReadOnlyList<MapTile> Tiles, IReadOnlyList<MapMarker> Markers)
{
    public const int TileSize = 256;

    /// <summary>The grid is at most this wide and high, in tiles.</summary>
    public const int MaxColumns = 3;

    public const int MaxRows = 2;

    /// <summary>One place alone (or several at the same spot) shows at a street's zoom.</summary>
    public const int SinglePlaceZoom = 16;

    /// <summary>Places close together never zoom in further than this (tile servers stop at 19; 17 still shows the streets around).</summary>
    public const int MaxZoom = 17;

    /// <summary>Room kept around the outermost markers, in pixels, so none is cut at the map's edge.</summary>
    public const int Margin = 32;

    /// <summary>Room around one place alone: half a tile, so it sits near the middle of a 2 × 2 grid, never at a corner.</summary>
    public const int SinglePlaceMargin = TileSize / 2;

    /// <summary>
    /// Markers closer than this, in the map's pixels, are moved apart until none covers another: each stays visible and
    /// clickable. A marker is 28 CSS px wide whatever the map's size, so this leaves room for the map scaled down on a
    /// phone: a 2 × 2 grid (one spot) at 390 px wide is drawn at about 0.7, 44 × 0.7 ≥ 28. A wider grid on a phone may
    /// still let two markers touch. A few pixels off its place a marker still points at its street.
    /// </summary>
    public const double MinSeparation = 44;

    /// <summary>A moved marker stays this far inside the map's edges, its focus outline included.</summary>
    public const double EdgeClearance = 20;

    /// <summary>Web Mercator stops here: the poles have no tile.</summary>
    public const double MaxLatitude = 85.0511287798;

    public int Width => Columns * TileSize;

    public int Height => Rows * TileSize;

    /// <summary>The map of these places, or none when there is none.</summary>
    public static StaticMap? Of(IReadOnlyList<MapPlace> places)
    {
        if (places.Count == 0)
        {
            return null;
        }

        var samePlace = places.All(p => p.Latitude == places[0].Latitude && p.Longitude == places[0].Longitude);
        var zoom = samePlace ? SinglePlaceZoom : Enumerable.Range(0, MaxZoom + 1).Reverse().First(z => Fits(places, z));
        var (firstColumn, lastColumn, firstRow, lastRow) = Grid(places, zoom, samePlace ? SinglePlaceMargin : Margin);
        var tiles = new List<MapTile>();
        for (var y = firstRow; y <= lastRow; y++)
        {
            for (var x = firstColumn; x <= lastColumn; x++)
            {
                tiles.Add(new MapTile(x, y, x - firstColumn, y - firstRow));
            }
        }

        var columns = lastColumn - firstColumn + 1;
        var rows = lastRow - firstRow + 1;
        var positions = Spread(
            [.. places.Select(p =>
            {
                var (px, py) = WorldPixel(p.Latitude, p.Longitude, zoom);
                return (px - (firstColumn * TileSize), py - (firstRow * TileSize));
            })],
            columns * TileSize,
            rows * TileSize);
        var markers = places.Select((p, i) => new MapMarker(p.Label, positions[i].X, positions[i].Y, p.Name, p.Href)).ToList();
        return new StaticMap(zoom, columns, rows, tiles, markers);
    }

    /// <summary>
    /// The markers' positions with those that would cover one another moved apart: markers on the very same spot go round
    /// it on a ring (the first at the top, then clockwise in the list's order), then each pair still closer than
    /// <see cref="MinSeparation"/> is pushed apart by half the missing distance each, along the line between them, round
    /// after round until none is too close. A marker far enough from all others does not move; none leaves the map. Always
    /// the same result for the same places: no randomness.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> Spread(IReadOnlyList<(double X, double Y)> positions, double width, double height)
    {
        var points = positions.ToArray();
        const double Spacing = MinSeparation + 0.5; // a little more, so a pair pushed apart is not "too close" by a rounding

        // Markers on the very same spot first go round it, on a ring just wide enough, the first at the top.
        foreach (var spot in Enumerable.Range(0, points.Length).GroupBy(i => (Math.Round(points[i].X, 1), Math.Round(points[i].Y, 1))).Where(g => g.Count() > 1))
        {
            var same = spot.ToList();
            var radius = Spacing / (2 * Math.Sin(Math.PI / same.Count));
            var (x, y) = points[same[0]];
            for (var k = 0; k < same.Count; k++)
            {
                var around = (2 * Math.PI * k / same.Count) - (Math.PI / 2);
                points[same[k]] = Inside((x + (radius * Math.Cos(around)), y + (radius * Math.Sin(around))), width, height);
            }
        }

        // Then any two still too close move apart, each by half the missing distance, along the line between them.
        for (var round = 0; round < 200; round++)
        {
            var moved = false;
            for (var i = 0; i < points.Length; i++)
            {
                for (var j = i + 1; j < points.Length; j++)
                {
                    var dx = points[j].X - points[i].X;
                    var dy = points[j].Y - points[i].Y;
                    var distance = Math.Sqrt((dx * dx) + (dy * dy));
                    if (distance >= MinSeparation)
                    {
                        continue;
                    }

                    // Along the line between them; on the very same spot (pushed there by the map's edge), a way of its own per position.
                    var angle = (2 * Math.PI * j / points.Length) - (Math.PI / 2);
                    var (ux, uy) = distance < 1e-6 ? (Math.Cos(angle), Math.Sin(angle)) : (dx / distance, dy / distance);
                    var half = (Spacing - distance) / 2;
                    points[i] = Inside((points[i].X - (ux * half), points[i].Y - (uy * half)), width, height);
                    points[j] = Inside((points[j].X + (ux * half), points[j].Y + (uy * half)), width, height);
                    moved = true;
                }
            }

            if (!moved)
            {
                break;
            }
        }

        return points;
    }

    private static (double X, double Y) Inside((double X, double Y) point, double width, double height) => (
        Math.Clamp(point.X, Math.Min(EdgeClearance, width / 2), Math.Max(width - EdgeClearance, width / 2)),
        Math.Clamp(point.Y, Math.Min(EdgeClearance, height / 2), Math.Max(height - EdgeClearance, height / 2)));

    /// <summary>Where a point is at a zoom, in pixels of the whole world's map (2^zoom × 256 px square, 0,0 the north-west corner).</summary>
    public static (double X, double Y) WorldPixel(decimal latitude, decimal longitude, int zoom)
    {
        var size = TileSize * Math.Pow(2, zoom);
        var lat = Math.Clamp((double)latitude, -MaxLatitude, MaxLatitude) * Math.PI / 180;
        var x = ((double)longitude + 180) / 360 * size;
        var y = (1 - (Math.Log(Math.Tan(lat) + (1 / Math.Cos(lat))) / Math.PI)) / 2 * size;
        return (Math.Clamp(x, 0, size - 1e-9), Math.Clamp(y, 0, size - 1e-9));
    }

    /// <summary>The numbers of the tile a point is on at a zoom.</summary>
    public static (int X, int Y) Tile(decimal latitude, decimal longitude, int zoom)
    {
        var (x, y) = WorldPixel(latitude, longitude, zoom);
        return ((int)Math.Floor(x / TileSize), (int)Math.Floor(y / TileSize));
    }

    /// <summary>A tile's address: the template's {z}, {x} and {y} replaced.</summary>
    public string TileUrl(string template, MapTile tile) => template
        .Replace("{z}", Zoom.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{x}", tile.X.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{y}", tile.Y.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>A length along the map's width as a CSS percentage ("12.5%"), whatever the page's culture.</summary>
    public string PercentOfWidth(double pixels) => Percent(pixels / Width);

    public string PercentOfHeight(double pixels) => Percent(pixels / Height);

    private static string Percent(double ratio) => (ratio * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%";

    private static bool Fits(IReadOnlyList<MapPlace> places, int zoom)
    {
        var (firstColumn, lastColumn, firstRow, lastRow) = Grid(places, zoom, Margin);
        return lastColumn - firstColumn + 1 <= MaxColumns && lastRow - firstRow + 1 <= MaxRows;
    }

    /// <summary>The tiles covering the places and their margin at a zoom (within the world's tiles).</summary>
    private static (int FirstColumn, int LastColumn, int FirstRow, int LastRow) Grid(IReadOnlyList<MapPlace> places, int zoom, int margin)
    {
        var pixels = places.Select(p => WorldPixel(p.Latitude, p.Longitude, zoom)).ToList();
        var last = (1 << zoom) - 1;
        int TileOf(double pixel) => Math.Clamp((int)Math.Floor(pixel / TileSize), 0, last);
        return (
            TileOf(pixels.Min(p => p.X) - margin), TileOf(pixels.Max(p => p.X) + margin),
            TileOf(pixels.Min(p => p.Y) - margin), TileOf(pixels.Max(p => p.Y) + margin));
    }
}

/// <summary>What the _ShopMap partial draws: the map, what it shows said in words (its accessible name), and the tiles' address template.</summary>
public sealed record ShopMapView(StaticMap Map, string Label, string TileUrlTemplate);
