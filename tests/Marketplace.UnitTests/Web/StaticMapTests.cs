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

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void Shops_at_the_same_spot_get_markers_far_enough_apart_to_click_each_around_it(int count)
    {
        // Shops of one market hall: the same coordinates
        var places = Enumerable.Range(1, count).Select(i => new MapPlace($"{i}", 45.7640m, 4.8357m, $"Stand {i}", $"/fr/coops/lyon/shops/{i}/about")).ToList();

        var map = StaticMap.Of(places)!;

        Assert.Equal(StaticMap.SinglePlaceZoom, map.Zoom);
        AssertApart(map);
        var (worldX, worldY) = StaticMap.WorldPixel(45.7640m, 4.8357m, map.Zoom);
        var (spotX, spotY) = (worldX - (map.Tiles[0].X * 256), worldY - (map.Tiles[0].Y * 256));
        Assert.All(map.Markers, m => Assert.InRange(Math.Sqrt(Math.Pow(m.Left - spotX, 2) + Math.Pow(m.Top - spotY, 2)), 0, 2 * StaticMap.MinSeparation)); // around the spot, still on its street
        Assert.Equal(places.Select(p => (p.Label, p.Name, p.Href)), map.Markers.Select(m => (m.Label, m.Name, m.Href)));
        Assert.Equal(map.Markers, StaticMap.Of(places)!.Markers); // the same places, the same map: no randomness
    }

    [Fact]
    public void Markers_nearly_on_top_of_one_another_move_apart_and_the_others_stay_where_they_are()
    {
        // Two shops of one street a few metres apart, and a third across the town
        var places = new[] { new MapPlace("1", 48.86890m, 2.33110m), new MapPlace("2", 48.86892m, 2.33113m), new MapPlace("3", 48.8530m, 2.3499m) };

        var map = StaticMap.Of(places)!;

        AssertApart(map);
        var (x3, y3) = StaticMap.WorldPixel(48.8530m, 2.3499m, map.Zoom);
        Assert.Equal(x3 - (map.Tiles[0].X * 256), map.Markers[2].Left, 6);
        Assert.Equal(y3 - (map.Tiles[0].Y * 256), map.Markers[2].Top, 6);
    }

    [Fact]
    public void Markers_pushed_apart_stay_inside_the_map()
    {
        var moved = StaticMap.Spread([(20, 20), (20, 20), (20, 20), (21, 19)], 256, 256);

        Assert.All(moved, p =>
        {
            Assert.InRange(p.X, StaticMap.EdgeClearance, 256 - StaticMap.EdgeClearance);
            Assert.InRange(p.Y, StaticMap.EdgeClearance, 256 - StaticMap.EdgeClearance);
        });
        for (var i = 0; i < moved.Count; i++)
        {
            for (var j = i + 1; j < moved.Count; j++)
            {
                Assert.True(Distance(moved[i], moved[j]) >= StaticMap.MinSeparation, $"{i} and {j}: {Distance(moved[i], moved[j])}");
            }
        }
    }

    private static void AssertApart(StaticMap map)
    {
        var markers = map.Markers;
        for (var i = 0; i < markers.Count; i++)
        {
            Assert.InRange(markers[i].Left, StaticMap.EdgeClearance, map.Width - StaticMap.EdgeClearance);
            Assert.InRange(markers[i].Top, StaticMap.EdgeClearance, map.Height - StaticMap.EdgeClearance);
            for (var j = i + 1; j < markers.Count; j++)
            {
                var distance = Distance((markers[i].Left, markers[i].Top), (markers[j].Left, markers[j].Top));
                Assert.True(distance >= StaticMap.MinSeparation, $"markers {markers[i].Label} and {markers[j].Label} are {distance} px apart");
            }
        }
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));

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
