using System.Text.Json;
using Marketplace.Catalog.Shops;
using Marketplace.Web.Maps;

namespace Marketplace.UnitTests.Web;

/// <summary>The tile maths of the shops' map without script (ADR 49).</summary>
public sealed class StaticMapTests
{
    [Theory]
    [InlineData(51.5074, -0.1278, 10, 511, 340)] // London, as OpenStreetMap numbers its tiles
    [InlineData(48.8584, 2.2945, 16, 33185, 22545)] // the Eiffel Tower
    [InlineData(-33.8568, 151.2153, 15, 30147, 19662)] // Sydney's opera house, south of the equator
    [InlineData(0, 0, 1, 1, 1)]
    [InlineData(0, 0, 0, 0, 0)]
    public void A_point_is_on_the_tile_OpenStreetMap_numbers_it(double latitude, double longitude, int zoom, int x, int y) =>
        Assert.Equal((x, y), StaticMap.Tile((decimal)latitude, (decimal)longitude, zoom));

    [Fact]
    public void The_poles_and_the_date_line_stay_on_the_world_s_tiles()
    {
        Assert.Equal((0, 0), StaticMap.Tile(90m, -180m, 3));
        Assert.Equal((7, 7), StaticMap.Tile(-90m, 180m, 3));
    }

    [Fact]
    public void One_shop_shows_at_a_street_s_zoom_with_its_marker_where_it_is_on_the_tiles()
    {
        var map = StaticMap.Of([new MapPlace("1", 48.8584m, 2.2945m)])!;

        Assert.Equal(StaticMap.SinglePlaceZoom, map.Zoom);
        var marker = Assert.Single(map.Markers);
        var first = map.Tiles[0];
        var (worldX, worldY) = StaticMap.WorldPixel(48.8584m, 2.2945m, 16);
        Assert.Equal(worldX, ((first.X * 256) + marker.Left), 6);
        Assert.Equal(worldY, ((first.Y * 256) + marker.Top), 6);
        Assert.Contains(map.Tiles, t => (t.X, t.Y) == (33185, 22545));
        Assert.Equal((2, 2, 4), (map.Columns, map.Rows, map.Tiles.Count)); // near the middle, never at a corner
        Assert.InRange(marker.Left, StaticMap.SinglePlaceMargin, map.Width - StaticMap.SinglePlaceMargin);
        Assert.InRange(marker.Top, StaticMap.SinglePlaceMargin, map.Height - StaticMap.SinglePlaceMargin);
    }

    [Fact]
    public void Shops_across_a_town_show_at_the_highest_zoom_where_a_small_grid_holds_them_all()
    {
        // Three shops of Paris, a few kilometres apart
        var places = new[] { new MapPlace("1", 48.8689m, 2.3311m), new MapPlace("2", 48.8530m, 2.3499m), new MapPlace("3", 48.8867m, 2.3431m) };

        var map = StaticMap.Of(places)!;

        Assert.InRange(map.Columns, 1, StaticMap.MaxColumns);
        Assert.InRange(map.Rows, 1, StaticMap.MaxRows);
        Assert.Equal(map.Columns * map.Rows, map.Tiles.Count);
        Assert.Equal(map.Tiles.Select(t => (t.Column, t.Row)).Distinct().Count(), map.Tiles.Count);
        Assert.All(map.Markers, m =>
        {
            Assert.InRange(m.Left, StaticMap.Margin, map.Width - StaticMap.Margin);
            Assert.InRange(m.Top, StaticMap.Margin, map.Height - StaticMap.Margin);
        });
        Assert.Equal(["1", "2", "3"], map.Markers.Select(m => m.Label));

        // One zoom closer, they would not fit in the grid any more
        var closer = Enumerable.Range(map.Zoom + 1, 1).Select(zoom => places.Select(p => StaticMap.WorldPixel(p.Latitude, p.Longitude, zoom)).ToList()).Single();
        var columns = Math.Floor((closer.Max(p => p.X) + StaticMap.Margin) / 256) - Math.Floor((closer.Min(p => p.X) - StaticMap.Margin) / 256) + 1;
        var rows = Math.Floor((closer.Max(p => p.Y) + StaticMap.Margin) / 256) - Math.Floor((closer.Min(p => p.Y) - StaticMap.Margin) / 256) + 1;
        Assert.True(columns > StaticMap.MaxColumns || rows > StaticMap.MaxRows, $"zoom {map.Zoom}: {columns}×{rows} at the next");
        Assert.InRange(map.Zoom, 11, 14);
    }

    [Fact]
    public void Shops_far_apart_zoom_out_and_no_shop_makes_no_map()
    {
        var map = StaticMap.Of([new MapPlace("1", 48.8566m, 2.3522m), new MapPlace("2", 43.2965m, 5.3698m)])!; // Paris and Marseille

        Assert.InRange(map.Zoom, 4, 7);
        Assert.Null(StaticMap.Of([]));
    }

    [Fact]
    public void Tile_addresses_and_positions_are_written_the_same_in_every_language()
    {
        var map = StaticMap.Of([new MapPlace("1", 48.8584m, 2.2945m)])!;
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
            Assert.Equal($"https://tile.openstreetmap.org/16/{map.Tiles[0].X}/{map.Tiles[0].Y}.png", map.TileUrl("https://tile.openstreetmap.org/{z}/{x}/{y}.png", map.Tiles[0]));
            Assert.Matches(@"^[0-9]+(\.[0-9]+)?%$", map.PercentOfWidth(map.Markers[0].Left));
            Assert.Equal("50%", map.PercentOfWidth(map.Width / 2.0));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Shop_details_recorded_before_coordinates_existed_read_without_a_location()
    {
        var old = """{"name":"Fromagerie","description":null,"address":null,"openingHours":[],"fulfilment":null,"contact":null}""";

        var details = JsonSerializer.Deserialize<ShopDetails>(old, JsonSerializerOptions.Web)!;

        Assert.Equal("Fromagerie", details.Name);
        Assert.Null(details.Location);
    }

    [Theory]
    [InlineData("https://tile.openstreetmap.org/{z}/{x}/{y}.png", true)]
    [InlineData("https://tiles.example.org/osm/{z}/{x}/{y}.png?key=abc", true)]
    [InlineData("https://tile.openstreetmap.org/{z}/{x}.png", false)]
    [InlineData("/tiles/{z}/{x}/{y}.png", false)]
    [InlineData("ftp://tiles.example.org/{z}/{x}/{y}.png", false)]
    public void The_tile_server_is_a_setting_checked_at_start(string template, bool accepted)
    {
        var settings = new Marketplace.Web.WebSettings { MapTileUrl = template };

        var errors = settings.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(settings)).ToList();

        Assert.Equal(accepted, errors.Count == 0);
    }
}
