package io.crmbridge.sandbox.dataverse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.crmbridge.sandbox.dataverse.ColumnType.BIGINT;
import static io.crmbridge.sandbox.dataverse.ColumnType.BOOLEAN;
import static io.crmbridge.sandbox.dataverse.ColumnType.CHOICE;
import static io.crmbridge.sandbox.dataverse.ColumnType.DATETIME;
import static io.crmbridge.sandbox.dataverse.ColumnType.DOUBLE;
import static io.crmbridge.sandbox.dataverse.ColumnType.INTEGER;
import static io.crmbridge.sandbox.dataverse.ColumnType.MULTI_CHOICE;
import static io.crmbridge.sandbox.dataverse.ColumnType.STATE;
import static io.crmbridge.sandbox.dataverse.ColumnType.STATUS;
import static io.crmbridge.sandbox.dataverse.ColumnType.UNIQUEIDENTIFIER;

/**
 * The tables every sandbox org has: account, contact, lead, opportunity (the real names, navigation properties and
 * option values of Dataverse's standard tables, trimmed) and the custom table {@code cr123_project}, which carries
 * one column of each type the standard tables lack (bigint, decimal, double, multi-select choice).
 * Change tracking is on for all but lead, so tests can see a table without it.
 */
final class StandardTables {

    private StandardTables() {
    }

    static Schema schema() {
        return new Schema(List.of(account(), contact(), lead(), opportunity(), project()));
    }

    static TableDefinition account() {
        List<Column> columns = start("account", "accountid");
        columns.add(Column.text("name", "Name", 160));
        columns.add(Column.text("accountnumber", "AccountNumber", 20));
        columns.add(Column.text("telephone1", "Telephone1", 50));
        columns.add(Column.text("fax", "Fax", 50));
        columns.add(Column.text("emailaddress1", "EMailAddress1", 100));
        columns.add(Column.text("websiteurl", "WebSiteURL", 200));
        columns.add(Column.text("address1_city", "Address1_City", 80));
        columns.add(Column.memo("description", "Description", 2000));
        columns.add(Column.of("numberofemployees", "NumberOfEmployees", INTEGER));
        columns.add(Column.money("revenue", "Revenue"));
        columns.add(Column.money("creditlimit", "CreditLimit"));
        columns.add(Column.of("address1_latitude", "Address1_Latitude", DOUBLE));
        columns.add(Column.of("creditonhold", "CreditOnHold", BOOLEAN));
        columns.add(Column.of("donotemail", "DoNotEMail", BOOLEAN));
        columns.add(Column.of("lastusedincampaign", "LastUsedInCampaign", DATETIME));
        columns.add(Column.choice("industrycode", "IndustryCode", CHOICE, options(
                1, "Accounting", 2, "Agriculture and Non-petrol Natural Resource Extraction", 3, "Broadcasting Printing and Publishing",
                4, "Brokers", 5, "Building Supply Retail", 6, "Business Services", 7, "Consulting")));
        columns.add(Column.choice("customertypecode", "CustomerTypeCode", CHOICE, options(
                1, "Competitor", 2, "Consultant", 3, "Customer", 4, "Investor", 5, "Partner", 6, "Influencer",
                7, "Press", 8, "Prospect", 9, "Reseller", 10, "Supplier", 11, "Vendor", 12, "Other")));
        columns.add(Column.choice("accountcategorycode", "AccountCategoryCode", CHOICE, options(
                1, "Preferred Customer", 2, "Standard")));
        columns.add(Column.lookup("primarycontactid", "PrimaryContactId",
                new LookupTarget("contact", "primarycontactid", "account_primary_contact")));
        columns.add(Column.lookup("parentaccountid", "ParentAccountId",
                new LookupTarget("account", "parentaccountid", "account_parent_account")));
        columns.add(Column.lookup("originatingleadid", "OriginatingLeadId",
                new LookupTarget("lead", "originatingleadid", "account_originating_lead")));
        finish(columns, activeInactive());
        return new TableDefinition("account", "Account", "accounts", true, "name", columns,
                List.of(new AlternateKey("AccountNumberKey", List.of("accountnumber"))));
    }

    static TableDefinition contact() {
        List<Column> columns = start("contact", "contactid");
        columns.add(Column.text("firstname", "FirstName", 50));
        columns.add(Column.text("lastname", "LastName", 50));
        columns.add(Column.text("fullname", "FullName", 160).readOnly());
        columns.add(Column.text("emailaddress1", "EMailAddress1", 100));
        columns.add(Column.text("telephone1", "Telephone1", 50));
        columns.add(Column.text("jobtitle", "JobTitle", 100));
        columns.add(Column.of("birthdate", "BirthDate", DATETIME));
        columns.add(Column.of("numberofchildren", "NumberOfChildren", INTEGER));
        columns.add(Column.money("annualincome", "AnnualIncome"));
        columns.add(Column.money("creditlimit", "CreditLimit"));
        columns.add(Column.of("donotphone", "DoNotPhone", BOOLEAN));
        columns.add(Column.choice("gendercode", "GenderCode", CHOICE, options(1, "Male", 2, "Female")));
        columns.add(Column.lookup("parentcustomerid", "ParentCustomerId",
                new LookupTarget("account", "parentcustomerid_account", "contact_customer_accounts"),
                new LookupTarget("contact", "parentcustomerid_contact", "contact_customer_contacts")));
        columns.add(Column.lookup("originatingleadid", "OriginatingLeadId",
                new LookupTarget("lead", "originatingleadid", "contact_originating_lead")));
        finish(columns, activeInactive());
        return new TableDefinition("contact", "Contact", "contacts", true, "fullname", columns,
                List.of(new AlternateKey("NameEmailKey", List.of("firstname", "emailaddress1"))));
    }

    static TableDefinition lead() {
        List<Column> columns = start("lead", "leadid");
        columns.add(Column.text("subject", "Subject", 300));
        columns.add(Column.text("firstname", "FirstName", 50));
        columns.add(Column.text("lastname", "LastName", 50));
        columns.add(Column.text("fullname", "FullName", 160).readOnly());
        columns.add(Column.text("companyname", "CompanyName", 100));
        columns.add(Column.text("emailaddress1", "EMailAddress1", 100));
        columns.add(Column.money("budgetamount", "BudgetAmount"));
        columns.add(Column.choice("leadsourcecode", "LeadSourceCode", CHOICE, options(
                1, "Advertisement", 2, "Employee Referral", 3, "External Referral", 4, "Partner",
                5, "Public Relations", 6, "Seminar", 7, "Trade Show", 8, "Web", 9, "Word of Mouth", 10, "Other")));
        columns.add(Column.choice("leadqualitycode", "LeadQualityCode", CHOICE, options(1, "Hot", 2, "Warm", 3, "Cold")));
        columns.add(Column.lookup("parentaccountid", "ParentAccountId",
                new LookupTarget("account", "parentaccountid", "lead_parent_account")));
        columns.add(Column.lookup("parentcontactid", "ParentContactId",
                new LookupTarget("contact", "parentcontactid", "lead_parent_contact")));
        finish(columns, new StateCodes(options(0, "Open", 1, "Qualified", 2, "Disqualified"),
                options(1, "New", 2, "Contacted", 3, "Qualified", 4, "Lost", 5, "Cannot Contact", 6, "No Longer Interested",
                        7, "Canceled")));
        return new TableDefinition("lead", "Lead", "leads", false, "fullname", columns, List.of());
    }

    static TableDefinition opportunity() {
        List<Column> columns = start("opportunity", "opportunityid");
        columns.add(Column.text("name", "Name", 300));
        columns.add(Column.memo("description", "Description", 2000));
        columns.add(Column.money("estimatedvalue", "EstimatedValue"));
        columns.add(Column.money("budgetamount", "BudgetAmount"));
        columns.add(Column.of("estimatedclosedate", "EstimatedCloseDate", DATETIME));
        columns.add(Column.of("closeprobability", "CloseProbability", INTEGER));
        columns.add(Column.of("isrevenuesystemcalculated", "IsRevenueSystemCalculated", BOOLEAN));
        columns.add(Column.choice("opportunityratingcode", "OpportunityRatingCode", CHOICE,
                options(1, "Hot", 2, "Warm", 3, "Cold")));
        columns.add(Column.lookup("customerid", "CustomerId",
                new LookupTarget("account", "customerid_account", "opportunity_customer_accounts"),
                new LookupTarget("contact", "customerid_contact", "opportunity_customer_contacts")));
        columns.add(Column.lookup("parentaccountid", "ParentAccountId",
                new LookupTarget("account", "parentaccountid", "opportunity_parent_account")));
        columns.add(Column.lookup("parentcontactid", "ParentContactId",
                new LookupTarget("contact", "parentcontactid", "opportunity_parent_contact")));
        columns.add(Column.lookup("originatingleadid", "OriginatingLeadId",
                new LookupTarget("lead", "originatingleadid", "opportunity_originating_lead")));
        finish(columns, new StateCodes(options(0, "Open", 1, "Won", 2, "Lost"),
                options(1, "In Progress", 2, "On Hold", 3, "Won", 4, "Canceled", 5, "Out-Sold")));
        return new TableDefinition("opportunity", "Opportunity", "opportunities", true, "name", columns, List.of());
    }

    static TableDefinition project() {
        List<Column> columns = start("cr123_project", "cr123_projectid");
        columns.add(Column.text("cr123_name", "cr123_Name", 100));
        columns.add(Column.text("cr123_code", "cr123_Code", 20));
        columns.add(Column.lookup("cr123_accountid", "cr123_AccountId",
                new LookupTarget("account", "cr123_AccountId", "cr123_account_cr123_project_AccountId")));
        columns.add(Column.money("cr123_budget", "cr123_Budget"));
        columns.add(Column.decimal("cr123_discountrate", "cr123_DiscountRate", 4));
        columns.add(Column.of("cr123_hours", "cr123_Hours", INTEGER));
        columns.add(Column.of("cr123_externalsequence", "cr123_ExternalSequence", BIGINT));
        columns.add(Column.of("cr123_score", "cr123_Score", DOUBLE));
        columns.add(Column.of("cr123_isbillable", "cr123_IsBillable", BOOLEAN));
        columns.add(Column.of("cr123_startdate", "cr123_StartDate", DATETIME));
        columns.add(Column.choice("cr123_stage", "cr123_Stage", CHOICE, options(
                100000000, "Planned", 100000001, "In Progress", 100000002, "Done")));
        columns.add(Column.choice("cr123_regions", "cr123_Regions", MULTI_CHOICE, options(
                100000000, "EMEA", 100000001, "Americas", 100000002, "APAC")));
        finish(columns, activeInactive());
        return new TableDefinition("cr123_project", "cr123_Project", "cr123_projects", true, "cr123_name", columns,
                List.of(new AlternateKey("cr123_CodeKey", List.of("cr123_code"))));
    }

    /**
     * A custom table as a maker creates it: its primary key, a primary name column ({@code <prefix>_name}, e.g.
     * {@code cr123_name} for {@code cr123_invoice}; {@code name} without a prefix), state, status and the system
     * dates; the entity set is the logical name plus "s", as Dataverse proposes it.
     */
    static TableDefinition custom(String logicalName, boolean changeTracking) {
        if (!logicalName.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a table logical name (lower case letters, digits, _): "
                    + logicalName);
        }
        int underscore = logicalName.indexOf('_');
        String name = underscore > 0 ? logicalName.substring(0, underscore) + "_name" : "name";
        List<Column> columns = start(logicalName, logicalName + "id");
        columns.add(Column.text(name, name, 100));
        finish(columns, activeInactive());
        return new TableDefinition(logicalName, logicalName, logicalName + "s", changeTracking, name, columns,
                List.of());
    }

    private record StateCodes(Map<Integer, String> states, Map<Integer, String> statuses) {
    }

    private static StateCodes activeInactive() {
        return new StateCodes(options(0, "Active", 1, "Inactive"), options(1, "Active", 2, "Inactive"));
    }

    private static List<Column> start(String table, String primaryId) {
        List<Column> columns = new ArrayList<>();
        String schema = Character.toUpperCase(table.charAt(0)) + table.substring(1);
        columns.add(new Column(primaryId, schema + "Id", UNIQUEIDENTIFIER, 0, 0, Map.of(), List.of(), true));
        return columns;
    }

    private static void finish(List<Column> columns, StateCodes codes) {
        columns.add(Column.choice("statecode", "StateCode", STATE, codes.states()));
        columns.add(Column.choice("statuscode", "StatusCode", STATUS, codes.statuses()));
        columns.add(Column.of("createdon", "CreatedOn", DATETIME).readOnly());
        columns.add(Column.of("modifiedon", "ModifiedOn", DATETIME).readOnly());
        columns.add(Column.of("versionnumber", "VersionNumber", BIGINT).readOnly());
    }

    private static Map<Integer, String> options(Object... valueLabelPairs) {
        Map<Integer, String> options = new LinkedHashMap<>();
        for (int i = 0; i < valueLabelPairs.length; i += 2) {
            options.put((Integer) valueLabelPairs[i], (String) valueLabelPairs[i + 1]);
        }
        return options;
    }
}
