import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  FlowLogDestination,
  FlowLogTrafficType,
  GatewayVpcEndpointAwsService,
  InterfaceVpcEndpointAwsService,
  IpAddresses,
  Peer,
  Port,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** A literal CIDR, so security-group rules can name it without a CloudFormation intrinsic. */
export const vpcCidr = '10.40.0.0/16';

/**
 * Two availability zones: public subnets (NAT gateways only), private subnets with egress (Lambdas, VPC endpoint
 * interfaces) and isolated subnets (Aurora, RDS Proxy). AWS APIs the functions call most are reached through
 * endpoints: S3 (gateway), SQS and Secrets Manager (interface).
 */
export class NetworkStack extends Stack {
  readonly vpc: Vpc;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const flowLogs = new LogGroup(this, 'FlowLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr(vpcCidr),
      maxAzs: 2,
      natGateways: 2,
      subnetConfiguration: [
        { name: 'public', subnetType: SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
        { name: 'data', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      gatewayEndpoints: { S3: { service: GatewayVpcEndpointAwsService.S3 } },
      flowLogs: {
        all: {
          destination: FlowLogDestination.toCloudWatchLogs(flowLogs),
          trafficType: FlowLogTrafficType.ALL,
        },
      },
    });

    const interfaceEndpoints = {
      SqsEndpoint: InterfaceVpcEndpointAwsService.SQS,
      SecretsManagerEndpoint: InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
    };
    for (const [endpointId, service] of Object.entries(interfaceEndpoints)) {
      const endpoint = this.vpc.addInterfaceEndpoint(endpointId, {
        service,
        subnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
        privateDnsEnabled: true,
        open: false,
      });
      endpoint.connections.allowFrom(Peer.ipv4(vpcCidr), Port.tcp(443), 'HTTPS from inside the VPC');
    }
  }
}
