using System.Text.RegularExpressions;
using FluentValidation;
using Marketplace.Catalog.Common;
using Marketplace.ServiceDefaults;

namespace Marketplace.Catalog.Shops;

/// <summary>The body of register and update: what a shop says about itself.</summary>
public sealed record ShopDetailsRequest(
    string Name,
    LocalizedText? Description,
    ShopAddress? Address,
    IReadOnlyList<OpeningPeriod>? OpeningHours,
    Fulfilment? Fulfilment,
    ShopContact? Contact,
    decimal? Latitude = null,
    decimal? Longitude = null)
{
    /// <summary>Coordinates keep 6 decimals (about 10 cm): a pasted 48.8566140000001 is 48.856614.</summary>
    public const int CoordinateDecimals = 6;

    public ShopDetails ToDetails() => new(
        Name.Trim(),
        Description?.Trimmed() is { IsEmpty: false } description ? description : null,
        Address is { } a ? new ShopAddress(a.Line1.Trim(), string.IsNullOrWhiteSpace(a.Line2) ? null : a.Line2.Trim(), a.Postcode.Trim(), a.City.Trim()) : null,
        OpeningHours ?? [],
        Fulfilment is { } f ? f with { DeliveryNote = f.DeliveryNote?.Trimmed() is { IsEmpty: false } note ? note : null } : null,
        Contact is { } c ? new ShopContact(c.Email.Trim(), string.IsNullOrWhiteSpace(c.Phone) ? null : c.Phone.Trim(), string.IsNullOrWhiteSpace(c.Website) ? null : c.Website.Trim()) : null,
        Latitude is { } latitude && Longitude is { } longitude
            ? new ShopLocation(Math.Round(latitude, CoordinateDecimals, MidpointRounding.AwayFromZero), Math.Round(longitude, CoordinateDecimals, MidpointRounding.AwayFromZero))
            : null);
}

internal sealed partial class ShopDetailsValidator : AbstractValidator<ShopDetailsRequest>
{
    public static readonly IReadOnlyList<string> Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public ShopDetailsValidator()
    {
        RuleFor(s => s.Name).NotEmpty().MaximumLength(100);
        When(s => s.Description is not null, () =>
        {
            RuleFor(s => s.Description!.Fr).MaximumLength(2000).OverridePropertyName("description.fr");
            RuleFor(s => s.Description!.En).MaximumLength(2000).OverridePropertyName("description.en");
        });
        When(s => s.Address is not null, () =>
        {
            RuleFor(s => s.Address!.Line1).NotEmpty().MaximumLength(200).OverridePropertyName("address.line1");
            RuleFor(s => s.Address!.Line2).MaximumLength(200).OverridePropertyName("address.line2");
            RuleFor(s => s.Address!.Postcode).NotEmpty().Matches(PostcodeRegex()).OverridePropertyName("address.postcode")
                .WithMessage("A postcode is 5 digits (e.g. 75011).").WithErrorCode("shop.postcode_format");
            RuleFor(s => s.Address!.City).NotEmpty().MaximumLength(100).OverridePropertyName("address.city");
        });
        RuleFor(s => s.OpeningHours).Must(hours => hours is null || hours.Count <= 28).WithMessage("At most 28 opening periods.").WithErrorCode("shop.opening_periods_count");
        RuleForEach(s => s.OpeningHours).NotNull().ChildRules(period =>
        {
            period.RuleFor(p => p.Day).Must(day => Days.Contains(day)).WithMessage("A day is monday, tuesday, ... or sunday.").WithErrorCode("shop.opening_day");
            period.RuleFor(p => p.Opens).Must(IsTime).WithMessage("A time is HH:mm (e.g. 09:00).").WithErrorCode("shop.opening_time");
            period.RuleFor(p => p.Closes).Must(IsTime).WithMessage("A time is HH:mm (e.g. 19:00).").WithErrorCode("shop.closing_time");
            period.RuleFor(p => p).Must(p => !IsTime(p.Opens) || !IsTime(p.Closes) || string.CompareOrdinal(p.Opens, p.Closes) < 0)
                .OverridePropertyName("closes").WithMessage("A shop closes after it opens.").WithErrorCode("shop.closes_after_opening");
        });
        // Several periods a day (a lunch closing) are fine; two of the same day that overlap are a typing mistake.
        RuleForEach(s => s.OpeningHours).Must((request, period) => period is null || !OverlapsAnEarlierOne(request.OpeningHours!, period))
            .WithMessage("Two opening periods of the same day overlap.").WithErrorCode("shop.opening_overlap");
        When(s => s.Fulfilment is not null, () =>
            RuleFor(s => s.Fulfilment!).Must(f => f.Pickup || f.Delivery).OverridePropertyName("fulfilment")
                .WithMessage("Offer pickup, delivery or both.").WithErrorCode("shop.fulfilment_required"));
        When(s => s.Contact is not null, () =>
        {
            RuleFor(s => s.Contact!.Email).NotEmpty().EmailAddress().MaximumLength(200).OverridePropertyName("contact.email");
            RuleFor(s => s.Contact!.Phone).MaximumLength(30).Matches(PhoneRegex()).OverridePropertyName("contact.phone")
                .WithMessage("A phone number has digits, spaces, '+', '.', '-' only.").WithErrorCode("shop.phone_format");
            RuleFor(s => s.Contact!.Website).Must(url => string.IsNullOrWhiteSpace(url) || WebAddresses.IsPublic(url.Trim()))
                .OverridePropertyName("contact.website").WithMessage("A website is a public http(s) address (no local or private network address).").WithErrorCode("shop.website_address");
        });

        // Where the shop is on a map (ADR 49): both or neither, in range.
        RuleFor(s => s.Latitude).InclusiveBetween(-90m, 90m).WithMessage("A latitude is between -90 and 90 degrees.").WithErrorCode("shop.latitude_range");
        RuleFor(s => s.Longitude).InclusiveBetween(-180m, 180m).WithMessage("A longitude is between -180 and 180 degrees.").WithErrorCode("shop.longitude_range");
        RuleFor(s => s.Latitude).NotNull().When(s => s.Longitude is not null).WithMessage("Give the latitude with the longitude (both or neither).").WithErrorCode("shop.coordinates_pair");
        RuleFor(s => s.Longitude).NotNull().When(s => s.Latitude is not null).WithMessage("Give the longitude with the latitude (both or neither).").WithErrorCode("shop.coordinates_pair");
    }

    private static bool IsValid(OpeningPeriod? period) =>
        period is not null && IsTime(period.Opens) && IsTime(period.Closes) && string.CompareOrdinal(period.Opens, period.Closes) < 0;

    private static bool OverlapsAnEarlierOne(IReadOnlyList<OpeningPeriod> hours, OpeningPeriod period) =>
        IsValid(period) && hours.TakeWhile(other => !ReferenceEquals(other, period)).Any(other => IsValid(other) && other.Day == period.Day
            && string.CompareOrdinal(other.Opens, period.Closes) < 0 && string.CompareOrdinal(period.Opens, other.Closes) < 0);

    private static bool IsTime(string? value) => value is not null && TimeRegex().IsMatch(value);

    [GeneratedRegex(@"\A([01][0-9]|2[0-3]):[0-5][0-9]\z")]
    private static partial Regex TimeRegex();

    [GeneratedRegex(@"\A[0-9]{5}\z")]
    private static partial Regex PostcodeRegex();

    [GeneratedRegex(@"\A[0-9 +.\-()]*\z")]
    private static partial Regex PhoneRegex();
}
