using Marketplace.Payments;
using Marketplace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("payments");
builder.AddPayments();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPayments();
app.Run();
