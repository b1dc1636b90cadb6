import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiWebAclProps {
  /** ARN of the API Gateway stage to protect. */
  readonly stageArn: string;
  /** Requests per 5 minutes from one IP address before it is blocked. */
  readonly rateLimitPer5Minutes?: number;
}

interface ManagedGroup {
  readonly name: string;
  /** Rules of the group switched to count (observe) instead of block, with the reason in a comment. */
  readonly countOnly?: string[];
}

const managedGroups: ManagedGroup[] = [
  // SOAP envelopes and registry packages are larger than the 8 KB body limit of this group; the handlers cap
  // body sizes themselves (ENGINEERING §4).
  { name: 'AWSManagedRulesCommonRuleSet', countOnly: ['SizeRestrictions_BODY'] },
  { name: 'AWSManagedRulesKnownBadInputsRuleSet' },
  { name: 'AWSManagedRulesAmazonIpReputationList' },
  { name: 'AWSManagedRulesSQLiRuleSet' },
];

/** Regional WAFv2 web ACL in front of the REST API stage: AWS managed rule groups plus a rate limit per viewer address. */
export class ApiWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiWebAclProps) {
    super(scope, id);

    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });

    const managedRules: CfnWebACL.RuleProperty[] = managedGroups.map((group, index) => ({
      name: group.name,
      priority: index + 1,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name: group.name,
          ruleActionOverrides: group.countOnly?.map((name) => ({ name, actionToUse: { count: {} } })),
        },
      },
      visibilityConfig: visibility(group.name),
    }));

    // Browsers and SOAP systems come through CloudFront, so the address API Gateway sees is an edge server
    // shared by many users; count per viewer address (CloudFront appends it to X-Forwarded-For) instead.
    // A caller that forges the header only spreads its own count; stage throttling still bounds the total.
    const rateRule: CfnWebACL.RuleProperty = {
      name: 'RateLimitPerIp',
      priority: managedGroups.length + 1,
      action: { block: {} },
      statement: {
        rateBasedStatement: {
          limit: props.rateLimitPer5Minutes ?? 3000,
          aggregateKeyType: 'FORWARDED_IP',
          forwardedIpConfig: { headerName: 'X-Forwarded-For', fallbackBehavior: 'MATCH' },
        },
      },
      visibilityConfig: visibility('RateLimitPerIp'),
    };

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('OmslinkApi'),
      rules: [...managedRules, rateRule],
    });

    new CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
