using Marketplace.Catalog.Products;
using Marketplace.Catalog.Shops;
using Marketplace.Catalog.Stock;
using Marketplace.Hosting;

namespace Marketplace.Catalog.Common;

/// <summary>
/// A decider's refusal as RFC 9457 ProblemDetails: its status, its title and, under "code", the stable code clients
/// translate by. Every code a Catalog decider returns is answered here.
/// </summary>
internal static class CatalogProblems
{
    public static IResult Refused(string code) => code switch
    {
        ProductRefusals.NotInShop => CodedProblems.Refused(code, StatusCodes.Status404NotFound, "No such product in this shop."),
        ShopRefusals.Incomplete => CodedProblems.Refused(
            code,
            StatusCodes.Status409Conflict,
            "This shop's details are incomplete.",
            "A shop gives its address, its contact and whether it offers pickup or delivery before it is approved."),
        ShopRefusals.NotPending => CodedProblems.Refused(
            code,
            StatusCodes.Status409Conflict,
            "This shop is not waiting for approval.",
            "Only a pending shop is approved, refused or asked for changes; one asked for changes is pending again once its owners save its details."),
        ShopRefusals.NotAnOwner => CodedProblems.Refused(code, StatusCodes.Status404NotFound, "This account is not an owner of this shop."),
        ShopRefusals.LastOwner => CodedProblems.Refused(
            code,
            StatusCodes.Status409Conflict,
            "This is the shop's last owner.",
            "A shop keeps at least one owner: name another owner before removing this one."),
        StockRefusals.NotEnoughOnHand => CodedProblems.Refused(
            code,
            StatusCodes.Status409Conflict,
            "Not that many units on hand.",
            "A sale or a correction cannot remove more units than the shop has on hand."),
        StockRefusals.WrongSign or StockRefusals.BelowReserved => CodedProblems.Refused(
            code,
            StatusCodes.Status409Conflict,
            "Not enough stock for this change.",
            "Units held for customers' checkouts cannot be removed; on hand cannot go below what is reserved."),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "A refusal without a problem to answer it."),
    };
}
