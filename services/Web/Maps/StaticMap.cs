using System.Globalization;

namespace Marketplace.Web.Maps;

/// <summary>A place to mark on a map: its marker's label ("1", "2"... or empty) and its coordinates in degrees.</summary>
public sealed record MapPlace(string Label, decimal Latitude, decimal Longitude);

/// <summary>One 256 px tile of the grid: its numbers at the map's zoom, and its column and row in the grid.</summary>
public sealed record MapTile(int X, int Y, int Column, int Row);

/// <summary>A marker: its label and where it sits, in pixels from the grid's top left corner.</summary>
public sealed record MapMarker(string Label, double Left, double Top);

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

        var markers = places.Select(p =>
        {
            var (px, py) = WorldPixel(p.Latitude, p.Longitude, zoom);
            return new MapMarker(p.Label, px - (firstColumn * TileSize), py - (firstRow * TileSize));
        }).ToList();
        return new StaticMap(zoom, lastColumn - firstColumn + 1, lastRow - firstRow + 1, tiles, markers);
    }

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
