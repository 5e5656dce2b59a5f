using System.Text;
using Marketplace.Hosting;

namespace Marketplace.UnitTests.Hosting;

/// <summary>Where a JSON body hides a NUL character, named as the client names its fields.</summary>
public sealed class HostileInputTests
{
    [Theory]
    [InlineData("""{"name":"a\u0000b"}""", "name")]
    [InlineData("""{"address":{"line1":"1 rue","city":"Ly\u0000on"}}""", "address.city")]
    [InlineData("""{"reservationId":"x","lines":[{"productId":"p","quantity":1},{"note":"\u0000"}]}""", "lines[1].note")]
    [InlineData("""{"a":{"b":["ok",3,null,"\u0000"]}}""", "a.b[3]")]
    [InlineData("""["ok","\u0000"]""", "[1]")]
    [InlineData("""{"ok":1,"bad\u0000name":2}""", "badname")]
    [InlineData("\"\\u0000\"", "body")]
    public void A_nul_anywhere_is_found_with_its_path(string json, string path) =>
        Assert.Equal(path, HostileInput.FieldWithNul(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"name":"a\\u0000b"}""")] // an escaped backslash then the text u0000: no NUL
    [InlineData("""{"name":"Boulangerie","lines":[{"quantity":1}]}""")]
    [InlineData("""{"name":"a\u0000""")] // malformed: left to the endpoint to refuse
    [InlineData("")]
    public void A_body_without_nul_or_that_is_not_json_is_left_alone(string json) =>
        Assert.Null(HostileInput.FieldWithNul(Encoding.UTF8.GetBytes(json)));
}
