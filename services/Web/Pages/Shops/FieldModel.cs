namespace Marketplace.Web.Pages.Shops;

/// <summary>What _Field renders: the posted name (the ModelState key), its label and value, and the input's kind.</summary>
public sealed record FieldModel(string Name, string Label, string? Value, string Type = "text", bool Required = false, string? Hint = null)
{
    public string? Autocomplete { get; init; }

    public string? InputMode { get; init; }

    public string? Lang { get; init; }

    public string? Step { get; init; }

    /// <summary>Read by assistive technology before the visible label, e.g. the day before "Opens" in a row that shows the day once.</summary>
    public string? HiddenPrefix { get; init; }
}
