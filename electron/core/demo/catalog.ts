// What the two demo businesses offer and own: services with prices and durations, equipment with upkeep history.
import type { EquipmentCategory, ServiceCategory } from '../../../shared/schemas';

export interface ServiceDef {
  key: string;
  name: string;
  description: string;
  category: ServiceCategory;
  minutes: number;
  /** Price in cents. */
  priceCents: number;
  /** Equipment categories the job needs; the crew's own pieces of these go on the appointment. */
  needs: readonly EquipmentCategory[];
  minimumStaff: number;
}

export interface EquipmentDef {
  name: string;
  category: EquipmentCategory;
  subcategory: string | null;
  serialPrefix: string;
  /** Price in cents. */
  priceCents: number;
  /** Days between services, for maintenance_due_date. */
  serviceIntervalDays: number;
  /** Kinds of maintenance this piece gets, for its history. */
  maintenance: readonly { type: string; notes: string; costCents: number }[];
}

export const LAWN_SERVICES: readonly ServiceDef[] = [
  {
    key: 'full',
    name: 'Full Lawn Maintenance',
    description: 'Mowing, edging, string trimming and blowing off hard surfaces',
    category: 'maintenance',
    minutes: 60,
    priceCents: 8500,
    needs: ['mower', 'edger', 'blower'],
    minimumStaff: 2,
  },
  {
    key: 'mow',
    name: 'Mow & Blow',
    description: 'Mowing and blowing for small lots',
    category: 'maintenance',
    minutes: 45,
    priceCents: 5500,
    needs: ['mower', 'blower'],
    minimumStaff: 1,
  },
  {
    key: 'hedge',
    name: 'Hedge & Shrub Trimming',
    description: 'Shaping hedges and shrubs, haul-away of clippings',
    category: 'maintenance',
    minutes: 90,
    priceCents: 12000,
    needs: ['trimmer', 'blower'],
    minimumStaff: 1,
  },
  {
    key: 'aeration',
    name: 'Core Aeration',
    description: 'Core aeration of the whole lawn; best in spring or fall',
    category: 'specialty',
    minutes: 60,
    priceCents: 14500,
    needs: ['aerator', 'trailer'],
    minimumStaff: 1,
  },
  {
    key: 'fert',
    name: 'Fertilization & Weed Control',
    description: 'Granular fertilizer and pre-emergent weed control',
    category: 'specialty',
    minutes: 30,
    priceCents: 6500,
    needs: [],
    minimumStaff: 1,
  },
  {
    key: 'leaves',
    name: 'Leaf Cleanup',
    description: 'Blowing, mulching and hauling fallen leaves',
    category: 'specialty',
    minutes: 120,
    priceCents: 17500,
    needs: ['blower', 'mower', 'truck'],
    minimumStaff: 2,
  },
  {
    key: 'mulch',
    name: 'Mulch Installation',
    description: 'Bed edging and fresh pine-bark mulch, up to 5 yards',
    category: 'specialty',
    minutes: 120,
    priceCents: 24000,
    needs: ['truck', 'trailer'],
    minimumStaff: 2,
  },
  {
    key: 'consult',
    name: 'Lawn Consultation & Estimate',
    description: 'Walk-through of the property and a written estimate; free',
    category: 'consultation',
    minutes: 30,
    priceCents: 0,
    needs: [],
    minimumStaff: 1,
  },
];

export const HVAC_SERVICES: readonly ServiceDef[] = [
  {
    key: 'ac',
    name: 'AC Tune-Up',
    description: 'Coil cleaning, refrigerant check, electrical and drain inspection',
    category: 'maintenance',
    minutes: 90,
    priceCents: 12900,
    needs: ['hvac_tool'],
    minimumStaff: 1,
  },
  {
    key: 'furnace',
    name: 'Furnace Safety Inspection',
    description: 'Heat exchanger, burner and carbon-monoxide check',
    category: 'maintenance',
    minutes: 60,
    priceCents: 9900,
    needs: ['hvac_tool'],
    minimumStaff: 1,
  },
  {
    key: 'diag',
    name: 'Diagnostic Service Call',
    description: 'Find the fault; repair quoted on site',
    category: 'repair',
    minutes: 60,
    priceCents: 8900,
    needs: ['hvac_tool', 'van'],
    minimumStaff: 1,
  },
  {
    key: 'thermostat',
    name: 'Smart Thermostat Installation',
    description: 'Install and configure a customer-supplied or stocked smart thermostat',
    category: 'installation',
    minutes: 90,
    priceCents: 24900,
    needs: ['ladder'],
    minimumStaff: 1,
  },
  {
    key: 'ducts',
    name: 'Duct Cleaning',
    description: 'Whole-house duct cleaning with negative-pressure system',
    category: 'specialty',
    minutes: 180,
    priceCents: 39900,
    needs: ['cleaning_tool', 'van'],
    minimumStaff: 1,
  },
];

const mowerUpkeep = [
  { type: 'oil_change', notes: 'Routine oil and filter change', costCents: 4500 },
  { type: 'blade_sharpening', notes: 'Sharpened and balanced deck blades', costCents: 3500 },
  { type: 'belt_replacement', notes: 'Replaced worn deck belt', costCents: 8900 },
  { type: 'air_filter', notes: 'New air filter and spark plug', costCents: 2800 },
];
const smallEngineUpkeep = [
  { type: 'tune_up', notes: 'Carburetor cleaned, new spark plug', costCents: 3200 },
  { type: 'air_filter', notes: 'Replaced air filter', costCents: 1200 },
];
const vehicleUpkeep = [
  { type: 'oil_change', notes: 'Oil change and tire rotation', costCents: 8900 },
  { type: 'brake_service', notes: 'Front brake pads replaced', costCents: 32000 },
  { type: 'inspection', notes: 'Annual safety inspection', costCents: 6500 },
];
const trailerUpkeep = [
  { type: 'bearing_repack', notes: 'Repacked wheel bearings', costCents: 9500 },
  { type: 'inspection', notes: 'Lights, hitch and ramp inspected', costCents: 4000 },
];
const toolUpkeep = [
  { type: 'calibration', notes: 'Calibrated gauges and sensors', costCents: 7500 },
  { type: 'inspection', notes: 'Hoses and fittings inspected', costCents: 2500 },
];

function mower(name: string, subcategory: string, priceCents: number): EquipmentDef {
  return {
    name,
    category: 'mower',
    subcategory,
    serialPrefix: 'MW',
    priceCents,
    serviceIntervalDays: 60,
    maintenance: mowerUpkeep,
  };
}

function small(
  name: string,
  category: EquipmentCategory,
  subcategory: string,
  priceCents: number,
): EquipmentDef {
  return {
    name,
    category,
    subcategory,
    serialPrefix: category.slice(0, 2).toUpperCase(),
    priceCents,
    serviceIntervalDays: 90,
    maintenance: smallEngineUpkeep,
  };
}

function vehicle(name: string, category: 'truck' | 'van', priceCents: number): EquipmentDef {
  return {
    name,
    category,
    subcategory: 'pickup',
    serialPrefix: 'VIN',
    priceCents,
    serviceIntervalDays: 120,
    maintenance: vehicleUpkeep,
  };
}

function trailer(name: string, priceCents: number): EquipmentDef {
  return {
    name,
    category: 'trailer',
    subcategory: 'utility',
    serialPrefix: 'TR',
    priceCents,
    serviceIntervalDays: 180,
    maintenance: trailerUpkeep,
  };
}

function tool(
  name: string,
  category: EquipmentCategory,
  subcategory: string,
  priceCents: number,
): EquipmentDef {
  return {
    name,
    category,
    subcategory,
    serialPrefix: 'TL',
    priceCents,
    serviceIntervalDays: 180,
    maintenance: toolUpkeep,
  };
}

/** 20 pieces; the generator puts #5 (a mower) in maintenance and retires #6. */
export const LAWN_EQUIPMENT: readonly EquipmentDef[] = [
  mower('John Deere Z930M Zero-Turn', 'zero_turn', 1189900),
  mower('John Deere Z930M Zero-Turn', 'zero_turn', 1189900),
  mower('Scag Tiger Cat II 52"', 'zero_turn', 1049900),
  mower('Exmark Lazer Z E-Series', 'zero_turn', 1129900),
  mower('Exmark Lazer Z E-Series', 'zero_turn', 1129900),
  mower('Toro TimeCutter 42"', 'riding', 389900),
  small('Stihl FC 91 Edger', 'edger', 'stick_edger', 47900),
  small('Echo PE-2620 Edger', 'edger', 'stick_edger', 36900),
  small('Echo PB-8010 Backpack Blower', 'blower', 'backpack', 62900),
  small('Stihl BR 800 Backpack Blower', 'blower', 'backpack', 67900),
  small('Stihl BR 800 Backpack Blower', 'blower', 'backpack', 67900),
  small('Stihl HS 82 Hedge Trimmer', 'trimmer', 'hedge_trimmer', 56900),
  small('Echo SRM-3020 String Trimmer', 'trimmer', 'string_trimmer', 42900),
  small('Ryan Lawnaire IV Aerator', 'aerator', 'core_aerator', 529900),
  vehicle('Ford F-250 Super Duty', 'truck', 5200000),
  vehicle('Ford F-250 Super Duty', 'truck', 5200000),
  vehicle('Chevrolet Silverado 2500HD', 'truck', 4950000),
  vehicle('Ram 2500 Tradesman', 'truck', 4800000),
  trailer('Big Tex 35SA 12 ft Utility Trailer', 289900),
  trailer('Carry-On 7x16 Landscape Trailer', 349900),
];

export const HVAC_EQUIPMENT: readonly EquipmentDef[] = [
  vehicle('Ford Transit 250 Cargo Van', 'van', 4690000),
  vehicle('Ford Transit 250 Cargo Van', 'van', 4690000),
  vehicle('Ram ProMaster 2500 Van', 'van', 4450000),
  tool('Fieldpiece SMAN460 Digital Manifold', 'hvac_tool', 'manifold_gauges', 89900),
  tool('Fieldpiece SMAN460 Digital Manifold', 'hvac_tool', 'manifold_gauges', 89900),
  tool('Yellow Jacket SuperEvac Vacuum Pump', 'hvac_tool', 'vacuum_pump', 74900),
  tool('Werner 6 ft Fiberglass Stepladder', 'ladder', 'step_ladder', 21900),
  tool('Rotobrush Duct Cleaning System', 'cleaning_tool', 'duct_cleaner', 689900),
];
