using System.Text.Json;
using Bastion.Core.History;

namespace Bastion.Core.Tests.History;

/// <summary>A history point is written as the pair [unix_time, value] and read back from nothing else.</summary>
public sealed class HistoryPointJsonConverterTests
{
    [Fact]
    public void Write_IsThePair_AndRead_TakesItBack()
    {
        HistoryPoint[] points = [new(1796553000, 12.5), new(1796553060, -0.25), new(1796553120, 3e9)];

        var json = JsonSerializer.Serialize(points);

        json.ShouldBe("[[1796553000,12.5],[1796553060,-0.25],[1796553120,3000000000]]");
        JsonSerializer.Deserialize<HistoryPoint[]>(json).ShouldBe(points);
    }

    [Theory]
    [InlineData("""{"unix_time":1796553000,"value":12.5}""")]
    [InlineData("[1796553000]")]
    [InlineData("[1796553000,12.5,1]")]
    [InlineData("[1796553000.5,12.5]")]
    [InlineData("""["1796553000",12.5]""")]
    [InlineData("""[1796553000,"12.5"]""")]
    public void Read_RefusesAnythingButThePair_SayingWhatItTakes(string json)
    {
        var error = Should.Throw<JsonException>(() => JsonSerializer.Deserialize<HistoryPoint>(json));

        error.Message.ShouldContain("[unix_time, value]");
    }
}
