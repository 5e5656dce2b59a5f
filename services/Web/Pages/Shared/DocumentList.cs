using System.Globalization;
using Marketplace.Web.Api.Payments;

namespace Marketplace.Web.Pages;

/// <summary>What the _Documents partial shows: receipts, credit notes and commission invoices, each with the address of its PDF.</summary>
public sealed record DocumentList(IReadOnlyList<PaymentDocument> Documents, Func<Guid, string> PdfLink)
{
    /// <summary>The language documents are asked for in: the page's.</summary>
    public static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "fr";
}
