// More of Amazon's product types, under their real names, built from one table: each row names the type, its
// search keywords, its item type keyword, the attributes it adds to the common ones (from a small vocabulary of
// attribute shapes with Amazon's enums, "unknown"/"not applicable" kept where Amazon offers them), what it requires
// and its variation themes. Abridged like the hand-written seeds (SHIRT, HOME, KITCHEN, LUGGAGE).
import {
  choice,
  dimensions,
  flag,
  hasValue,
  integer,
  measure,
  productTypeSchema,
  text,
  LENGTH_UNITS,
  VOLUME_UNITS,
  type Choices,
  type Json,
} from './builders.js';
import { commonAttributes, commonRules, groupProperties, variationTheme } from './common.js';
import type { SchemaContext } from './marketplaces.js';

const localized = true;

const DEPARTMENTS: Choices = [
  ['baby-boys', 'Baby Boys'],
  ['baby-girls', 'Baby Girls'],
  ['boys', 'Boys'],
  ['girls', 'Girls'],
  ['mens', 'Mens'],
  ['unisex-adult', 'Unisex Adult'],
  ['unisex-baby', 'Unisex Baby'],
  ['unisex-child', 'Unisex Child'],
  ['womens', 'Womens'],
];

const CARE: Choices = [
  ['dry_clean_only', 'Dry Clean Only'],
  ['hand_wash_only', 'Hand Wash Only'],
  ['machine_wash', 'Machine Wash'],
  ['machine_wash_cold', 'Machine Wash Cold'],
  ['spot_clean', 'Spot Clean'],
  ['tumble_dry', 'Tumble Dry'],
  ['wipe_clean', 'Wipe Clean'],
  ['not_applicable', 'Not Applicable'],
];

/** The attribute shapes product types pick from, by Amazon attribute name. */
const VOCABULARY: Record<string, () => Json> = {
  department: () => choice({ title: 'Department', description: 'The department the item is sold in', choices: DEPARTMENTS, editable: false }),
  care_instructions: () => choice({ title: 'Care Instructions', description: 'How to clean the item', maxUniqueItems: 3, choices: CARE }),
  fabric_type: () =>
    text({ title: 'Fabric Type', description: 'Fabric composition with percentages, e.g. 80% cotton, 20% polyester', localized, maxLength: 200 }),
  closure_type: () =>
    choice({
      title: 'Closure Type',
      description: 'How the item is fastened',
      choices: [
        ['button', 'Button'],
        ['buckle', 'Buckle'],
        ['drawstring', 'Drawstring'],
        ['hook_and_loop', 'Hook and Loop'],
        ['lace_up', 'Lace-Up'],
        ['magnetic', 'Magnetic'],
        ['pull_on', 'Pull On'],
        ['slip_on', 'Slip On'],
        ['snap', 'Snap'],
        ['zipper', 'Zipper'],
        ['not_applicable', 'Not Applicable'],
      ],
    }),
  sole_material: () => text({ title: 'Sole Material', description: 'What the sole is made of', localized, maxLength: 100 }),
  heel_height: () => measure({ title: 'Heel Height', description: 'Height of the heel', units: LENGTH_UNITS }),
  target_gender: () =>
    choice({
      title: 'Target Gender',
      description: 'Who the item is made for',
      choices: [
        ['female', 'Female'],
        ['male', 'Male'],
        ['unisex', 'Unisex'],
      ],
    }),
  age_range_description: () =>
    text({ title: 'Age Range Description', description: 'The age group, e.g. Adult, Kid, Toddler', localized, maxLength: 50 }),
  manufacturer_minimum_age: () =>
    integer({
      title: 'Manufacturer Minimum Age (Months)',
      description: 'The youngest age the manufacturer recommends, in months',
      minimum: 0,
      maximum: 1200,
    }),
  is_assembly_required: () => flag({ title: 'Is Assembly Required', description: 'Does the customer need to assemble it?' }),
  number_of_pieces: () => integer({ title: 'Number of Pieces', description: 'How many pieces come in the set', minimum: 1, maximum: 100000 }),
  target_species: () =>
    choice({
      title: 'Target Species',
      description: 'The animal the product is for',
      choices: [
        ['bird', 'Bird'],
        ['cat', 'Cat'],
        ['dog', 'Dog'],
        ['fish', 'Fish'],
        ['horse', 'Horse'],
        ['reptile', 'Reptile'],
        ['small_animal', 'Small Animal'],
      ],
    }),
  pet_life_stage: () =>
    choice({
      title: 'Pet Life Stage',
      description: 'The life stage of the animal',
      choices: [
        ['adult', 'Adult'],
        ['all_life_stages', 'All Life Stages'],
        ['puppy', 'Puppy/Kitten'],
        ['senior', 'Senior'],
      ],
    }),
  skin_type: () =>
    choice({
      title: 'Skin Type',
      description: 'The skin type the product is for',
      maxUniqueItems: 5,
      choices: [
        ['all', 'All'],
        ['combination', 'Combination'],
        ['dry', 'Dry'],
        ['normal', 'Normal'],
        ['oily', 'Oily'],
        ['sensitive', 'Sensitive'],
      ],
    }),
  hair_type: () =>
    choice({
      title: 'Hair Type',
      description: 'The hair type the product is for',
      choices: [
        ['all', 'All'],
        ['coily', 'Coily'],
        ['curly', 'Curly'],
        ['dry', 'Dry'],
        ['fine', 'Fine'],
        ['oily', 'Oily'],
        ['straight', 'Straight'],
        ['wavy', 'Wavy'],
      ],
    }),
  item_form: () =>
    choice({
      title: 'Item Form',
      description: 'The physical form of the product',
      choices: [
        ['balm', 'Balm'],
        ['bar', 'Bar'],
        ['cream', 'Cream'],
        ['gel', 'Gel'],
        ['liquid', 'Liquid'],
        ['lotion', 'Lotion'],
        ['oil', 'Oil'],
        ['powder', 'Powder'],
        ['spray', 'Spray'],
        ['stick', 'Stick'],
      ],
    }),
  scent: () => text({ title: 'Scent', description: 'The scent, e.g. lavender; Unscented if none', localized, maxLength: 100 }),
  liquid_volume: () => measure({ title: 'Volume', description: 'The volume of liquid in the product', units: VOLUME_UNITS }),
  capacity: () => measure({ title: 'Capacity', description: 'How much the item holds', units: VOLUME_UNITS }),
  compatible_phone_models: () =>
    text({ title: 'Compatible Phone Models', description: 'Phone models the accessory fits', localized, maxUniqueItems: 10, maxLength: 100 }),
  connector_type: () =>
    choice({
      title: 'Connector Type',
      description: 'The connector(s) of the item',
      maxUniqueItems: 2,
      choices: [
        ['lightning', 'Lightning'],
        ['micro_usb', 'Micro USB'],
        ['usb_a', 'USB Type A'],
        ['usb_c', 'USB Type C'],
        ['3_5_mm_audio', '3.5 mm Audio'],
        ['other', 'Other'],
      ],
    }),
  connectivity_technology: () =>
    choice({
      title: 'Connectivity Technology',
      description: 'How the device connects',
      maxUniqueItems: 3,
      choices: [
        ['bluetooth', 'Bluetooth'],
        ['usb', 'USB'],
        ['wired', 'Wired'],
        ['wireless', 'Wireless'],
      ],
    }),
  wattage: () => integer({ title: 'Wattage', description: 'Power in watts', minimum: 1, maximum: 100000 }),
  cable_length: () => measure({ title: 'Cable Length', description: 'Length of the cable', units: LENGTH_UNITS }),
  water_resistance_level: () =>
    choice({
      title: 'Water Resistance Level',
      description: 'How well the item resists water',
      choices: [
        ['not_water_resistant', 'Not Water Resistant'],
        ['water_resistant', 'Water Resistant'],
        ['waterproof', 'Waterproof'],
      ],
    }),
  room_type: () => text({ title: 'Room Type', description: 'A room the product is meant for', localized, maxUniqueItems: 5, maxLength: 50 }),
  pattern: () => text({ title: 'Pattern', description: 'The pattern, e.g. striped or solid', localized, maxLength: 50 }),
  item_shape: () =>
    choice({
      title: 'Shape',
      description: 'The shape of the item',
      choices: [
        ['oval', 'Oval'],
        ['rectangular', 'Rectangular'],
        ['round', 'Round'],
        ['square', 'Square'],
        ['other', 'Other'],
      ],
    }),
  burn_time: () => integer({ title: 'Burn Time (Hours)', description: 'How long the candle burns', minimum: 1, maximum: 1000 }),
  is_dishwasher_safe: () => flag({ title: 'Is Dishwasher Safe', description: 'Can it go in the dishwasher?' }),
  is_oven_safe: () => flag({ title: 'Is Oven Safe', description: 'Can it go in the oven?' }),
  compatible_cooktop: () =>
    choice({
      title: 'Compatible Cooktop',
      description: 'Cooktops the item works on',
      maxUniqueItems: 5,
      choices: [
        ['electric', 'Electric'],
        ['gas', 'Gas'],
        ['induction', 'Induction'],
        ['ceramic', 'Ceramic'],
        ['not_applicable', 'Not Applicable'],
      ],
    }),
  thickness: () => measure({ title: 'Thickness', description: 'How thick the item is', units: LENGTH_UNITS }),
  sport_type: () => text({ title: 'Sport Type', description: 'The sport the item is for', localized, maxUniqueItems: 5, maxLength: 50 }),
  ink_color: () => text({ title: 'Ink Color', description: 'The ink colour', localized, maxUniqueItems: 10, maxLength: 50 }),
  point_type: () =>
    choice({
      title: 'Point Type',
      description: 'The tip of the pen or marker',
      choices: [
        ['bold', 'Bold'],
        ['extra_fine', 'Extra Fine'],
        ['fine', 'Fine'],
        ['medium', 'Medium'],
        ['ultra_fine', 'Ultra Fine'],
      ],
    }),
  paper_size: () => text({ title: 'Paper Size', description: 'The paper size, e.g. A5 or Letter', localized, maxLength: 50 }),
  special_feature: () => text({ title: 'Special Features', description: 'A notable feature', localized, maxUniqueItems: 5, maxLength: 100 }),
  lining_description: () => text({ title: 'Lining Description', description: 'The lining material', localized, maxLength: 100 }),
  strap_type: () => text({ title: 'Strap Type', description: 'The strap, e.g. adjustable shoulder strap', localized, maxLength: 100 }),
  sleeve_type: () =>
    choice({
      title: 'Sleeve Type',
      description: 'The sleeve length',
      choices: [
        ['long_sleeve', 'Long Sleeve'],
        ['short_sleeve', 'Short Sleeve'],
        ['sleeveless', 'Sleeveless'],
        ['three_quarter_sleeve', '3/4 Sleeve'],
      ],
    }),
  item_length_description: () => text({ title: 'Item Length Description', description: 'e.g. Knee Length, Ankle Length', localized, maxLength: 50 }),
  assembled_dimensions: () => dimensions({ title: 'Assembled Dimensions', description: 'The size once assembled' }),
  has_batteries: () => flag({ title: 'Contains Batteries', description: 'Does the item contain batteries?' }),
};

type Vocab = keyof typeof VOCABULARY;

interface TypeRow {
  displayName: string;
  keywords: string[];
  itemType: string;
  /** Attributes added to the common ones. */
  adds: Vocab[];
  /** Required besides the base (title, brand, item type keyword, bullet point, description, country of origin). */
  requires: Array<Vocab | 'color' | 'size' | 'material' | 'style'>;
  themes: string[];
  /** Buyable children (not variation parents) state size and color, as apparel does. */
  sizeAndColor?: boolean;
}

const APPAREL: Vocab[] = ['department', 'care_instructions', 'fabric_type', 'closure_type', 'pattern', 'item_length_description'];
const APPAREL_REQ: TypeRow['requires'] = ['department', 'material', 'care_instructions'];
const CLOTHING_THEMES = ['COLOR', 'SIZE', 'SIZE_COLOR'];

/** Name → row. Names are Amazon's product type names. */
const TABLE: Record<string, TypeRow> = {
  SOCKS: {
    displayName: 'Socks',
    keywords: ['sock', 'socks', 'ankle socks', 'crew socks'],
    itemType: 'athletic-socks',
    adds: APPAREL,
    requires: APPAREL_REQ,
    themes: CLOTHING_THEMES,
    sizeAndColor: true,
  },
  PANTS: {
    displayName: 'Pants',
    keywords: ['pants', 'trousers', 'jeans', 'chinos', 'leggings'],
    itemType: 'pants',
    adds: APPAREL,
    requires: APPAREL_REQ,
    themes: CLOTHING_THEMES,
    sizeAndColor: true,
  },
  SHORTS: {
    displayName: 'Shorts',
    keywords: ['shorts', 'bermuda', 'swim shorts', 'running shorts'],
    itemType: 'shorts',
    adds: APPAREL,
    requires: APPAREL_REQ,
    themes: CLOTHING_THEMES,
    sizeAndColor: true,
  },
  DRESS: {
    displayName: 'Dress',
    keywords: ['dress', 'gown', 'sundress', 'maxi dress'],
    itemType: 'dresses',
    adds: [...APPAREL, 'sleeve_type'],
    requires: APPAREL_REQ,
    themes: CLOTHING_THEMES,
    sizeAndColor: true,
  },
  SKIRT: {
    displayName: 'Skirt',
    keywords: ['skirt', 'skirts', 'midi skirt', 'mini skirt'],
    itemType: 'skirts',
    adds: APPAREL,
    requires: APPAREL_REQ,
    themes: CLOTHING_THEMES,
    sizeAndColor: true,
  },
  SWEATER: {
    displayName: 'Sweater',
    keywords: ['sweater', 'jumper', 'cardigan', 'pullover', 'knitwear'],
    itemType: 'pullover-sweaters',
    adds: [...APPAREL, 'sleeve_type'],
    requires: APPAREL_REQ,
    themes: CLOTHING_THEMES,
    sizeAndColor: true,
  },
  COAT: {
    displayName: 'Coat',
    keywords: ['coat', 'jacket', 'parka', 'raincoat'],
    itemType: 'coats',
    adds: [...APPAREL, 'water_resistance_level', 'lining_description'],
    requires: APPAREL_REQ,
    themes: CLOTHING_THEMES,
    sizeAndColor: true,
  },
  HAT: {
    displayName: 'Hat',
    keywords: ['hat', 'cap', 'beanie', 'bucket hat'],
    itemType: 'baseball-caps',
    adds: APPAREL,
    requires: ['department', 'material'],
    themes: CLOTHING_THEMES,
    sizeAndColor: true,
  },
  SHOES: {
    displayName: 'Shoes',
    keywords: ['shoe', 'shoes', 'sneaker', 'sneakers', 'trainers', 'loafers'],
    itemType: 'running-shoes',
    adds: ['department', 'closure_type', 'sole_material', 'heel_height', 'water_resistance_level'],
    requires: ['department', 'material', 'sole_material', 'closure_type'],
    themes: CLOTHING_THEMES,
    sizeAndColor: true,
  },
  BOOT: {
    displayName: 'Boot',
    keywords: ['boot', 'boots', 'wellies', 'ankle boots'],
    itemType: 'boots',
    adds: ['department', 'closure_type', 'sole_material', 'heel_height', 'water_resistance_level'],
    requires: ['department', 'material', 'sole_material', 'closure_type'],
    themes: CLOTHING_THEMES,
    sizeAndColor: true,
  },
  SANDAL: {
    displayName: 'Sandal',
    keywords: ['sandal', 'sandals', 'flip flops', 'slides'],
    itemType: 'sandals',
    adds: ['department', 'closure_type', 'sole_material', 'heel_height'],
    requires: ['department', 'material', 'sole_material'],
    themes: CLOTHING_THEMES,
    sizeAndColor: true,
  },
  HANDBAG: {
    displayName: 'Handbag',
    keywords: ['handbag', 'purse', 'tote', 'shoulder bag', 'clutch'],
    itemType: 'shoulder-handbags',
    adds: ['department', 'closure_type', 'lining_description', 'strap_type', 'pattern'],
    requires: ['department', 'material', 'color'],
    themes: ['COLOR', 'PATTERN'],
  },
  BACKPACK: {
    displayName: 'Backpack',
    keywords: ['backpack', 'rucksack', 'daypack', 'school bag'],
    itemType: 'backpacks',
    adds: ['department', 'capacity', 'closure_type', 'water_resistance_level', 'special_feature'],
    requires: ['material', 'color', 'capacity'],
    themes: ['COLOR', 'SIZE_COLOR'],
  },
  WALLET: {
    displayName: 'Wallet',
    keywords: ['wallet', 'card holder', 'billfold', 'coin purse'],
    itemType: 'wallets',
    adds: ['department', 'closure_type', 'special_feature'],
    requires: ['department', 'material', 'color'],
    themes: ['COLOR'],
  },
  PILLOW: {
    displayName: 'Pillow',
    keywords: ['pillow', 'bed pillow', 'throw pillow', 'cushion insert'],
    itemType: 'bed-pillows',
    adds: ['room_type', 'pattern', 'item_shape', 'care_instructions', 'special_feature'],
    requires: ['material', 'color', 'size'],
    themes: ['COLOR', 'SIZE', 'SIZE_COLOR'],
  },
  BLANKET: {
    displayName: 'Blanket',
    keywords: ['blanket', 'throw', 'quilt', 'bedspread'],
    itemType: 'throw-blankets',
    adds: ['room_type', 'pattern', 'care_instructions'],
    requires: ['material', 'color', 'size'],
    themes: ['COLOR', 'SIZE', 'SIZE_COLOR'],
  },
  CURTAIN: {
    displayName: 'Curtain',
    keywords: ['curtain', 'curtains', 'drapes', 'blackout'],
    itemType: 'window-curtain-panels',
    adds: ['room_type', 'pattern', 'care_instructions', 'number_of_pieces'],
    requires: ['material', 'color', 'size'],
    themes: ['COLOR', 'SIZE', 'SIZE_COLOR'],
  },
  RUG: {
    displayName: 'Rug',
    keywords: ['rug', 'carpet', 'runner', 'doormat'],
    itemType: 'area-rugs',
    adds: ['room_type', 'pattern', 'item_shape', 'thickness', 'care_instructions'],
    requires: ['material', 'color', 'size', 'item_shape'],
    themes: ['COLOR', 'SIZE', 'SIZE_COLOR'],
  },
  CANDLE: {
    displayName: 'Candle',
    keywords: ['candle', 'candles', 'tealight', 'wax melt'],
    itemType: 'jar-candles',
    adds: ['scent', 'burn_time', 'room_type', 'number_of_pieces'],
    requires: ['material', 'scent'],
    themes: ['SCENT', 'SIZE'],
  },
  VASE: {
    displayName: 'Vase',
    keywords: ['vase', 'vases', 'planter', 'flower vase'],
    itemType: 'vases',
    adds: ['room_type', 'item_shape', 'pattern'],
    requires: ['material', 'color'],
    themes: ['COLOR', 'SIZE'],
  },
  DRINKING_CUP: {
    displayName: 'Drinking Cup',
    keywords: ['cup', 'mug', 'tumbler', 'glass', 'drinking cup'],
    itemType: 'drinking-cups',
    adds: ['capacity', 'is_dishwasher_safe', 'number_of_pieces', 'pattern'],
    requires: ['material', 'color', 'capacity'],
    themes: ['COLOR', 'SIZE', 'COLOR_SIZE'],
  },
  BOTTLE: {
    displayName: 'Bottle',
    keywords: ['water bottle', 'bottle', 'flask', 'thermos'],
    itemType: 'water-bottles',
    adds: ['capacity', 'is_dishwasher_safe', 'special_feature'],
    requires: ['material', 'color', 'capacity'],
    themes: ['COLOR', 'SIZE', 'COLOR_SIZE'],
  },
  SAUTE_FRY_PAN: {
    displayName: 'Saute Fry Pan',
    keywords: ['frying pan', 'skillet', 'saute pan', 'fry pan', 'wok'],
    itemType: 'saute-fry-pans',
    adds: ['is_dishwasher_safe', 'is_oven_safe', 'compatible_cooktop', 'special_feature'],
    requires: ['material', 'color', 'compatible_cooktop'],
    themes: ['SIZE', 'COLOR'],
  },
  FOOD_STORAGE_CONTAINER: {
    displayName: 'Food Storage Container',
    keywords: ['food container', 'lunch box', 'storage container', 'jar', 'canister'],
    itemType: 'food-storage-containers',
    adds: ['capacity', 'is_dishwasher_safe', 'number_of_pieces', 'item_shape'],
    requires: ['material', 'capacity', 'number_of_pieces'],
    themes: ['SIZE', 'COLOR'],
  },
  SKIN_MOISTURIZER: {
    displayName: 'Skin Moisturizer',
    keywords: ['moisturizer', 'face cream', 'body lotion', 'lotion', 'moisturiser'],
    itemType: 'facial-moisturizers',
    adds: ['skin_type', 'item_form', 'scent', 'liquid_volume', 'special_feature'],
    requires: ['skin_type', 'item_form', 'liquid_volume'],
    themes: ['SIZE', 'SCENT'],
  },
  SKIN_CLEANING_AGENT: {
    displayName: 'Skin Cleaning Agent',
    keywords: ['cleanser', 'face wash', 'soap', 'body wash', 'shower gel'],
    itemType: 'facial-cleansers',
    adds: ['skin_type', 'item_form', 'scent', 'liquid_volume'],
    requires: ['skin_type', 'item_form'],
    themes: ['SIZE', 'SCENT'],
  },
  SHAMPOO: {
    displayName: 'Shampoo',
    keywords: ['shampoo', 'conditioner', 'hair wash', 'hair care'],
    itemType: 'hair-shampoos',
    adds: ['hair_type', 'item_form', 'scent', 'liquid_volume'],
    requires: ['hair_type', 'liquid_volume'],
    themes: ['SIZE', 'SCENT'],
  },
  LIP_COLOR: {
    displayName: 'Lip Color',
    keywords: ['lipstick', 'lip gloss', 'lip color', 'lip balm', 'lip liner'],
    itemType: 'lipstick',
    adds: ['item_form', 'skin_type', 'special_feature'],
    requires: ['color', 'item_form'],
    themes: ['COLOR'],
  },
  TOY_FIGURE: {
    displayName: 'Toy Figure',
    keywords: ['action figure', 'figure', 'figurine', 'doll'],
    itemType: 'action-figures',
    adds: ['manufacturer_minimum_age', 'age_range_description', 'number_of_pieces', 'is_assembly_required', 'has_batteries'],
    requires: ['manufacturer_minimum_age', 'material'],
    themes: ['COLOR', 'STYLE'],
  },
  PUZZLES: {
    displayName: 'Puzzles',
    keywords: ['puzzle', 'jigsaw', 'jigsaw puzzle', 'puzzles'],
    itemType: 'jigsaw-puzzles',
    adds: ['manufacturer_minimum_age', 'age_range_description', 'number_of_pieces', 'assembled_dimensions'],
    requires: ['manufacturer_minimum_age', 'number_of_pieces'],
    themes: ['STYLE'],
  },
  BOARD_GAME: {
    displayName: 'Board Game',
    keywords: ['board game', 'card game', 'game', 'tabletop'],
    itemType: 'board-games',
    adds: ['manufacturer_minimum_age', 'age_range_description', 'number_of_pieces'],
    requires: ['manufacturer_minimum_age'],
    themes: ['STYLE'],
  },
  STUFFED_ANIMAL_TOY: {
    displayName: 'Stuffed Animal Toy',
    keywords: ['plush', 'stuffed animal', 'teddy', 'soft toy', 'teddy bear'],
    itemType: 'stuffed-animals',
    adds: ['manufacturer_minimum_age', 'age_range_description', 'care_instructions'],
    requires: ['manufacturer_minimum_age', 'material', 'color'],
    themes: ['COLOR', 'SIZE'],
  },
  YOGA_MAT: {
    displayName: 'Yoga Mat',
    keywords: ['yoga mat', 'exercise mat', 'pilates mat', 'fitness mat'],
    itemType: 'yoga-mats',
    adds: ['thickness', 'sport_type', 'special_feature'],
    requires: ['material', 'color', 'thickness'],
    themes: ['COLOR', 'SIZE'],
  },
  SPORTING_GOODS: {
    displayName: 'Sporting Goods',
    keywords: ['sport', 'sports', 'fitness', 'dumbbell', 'racket', 'ball', 'camping'],
    itemType: 'sports-equipment',
    adds: ['sport_type', 'age_range_description', 'special_feature'],
    requires: ['sport_type'],
    themes: ['COLOR', 'SIZE', 'SIZE_COLOR'],
  },
  HEADPHONES: {
    displayName: 'Headphones',
    keywords: ['headphones', 'earbuds', 'earphones', 'headset'],
    itemType: 'headphones',
    adds: ['connectivity_technology', 'connector_type', 'water_resistance_level', 'special_feature'],
    requires: ['connectivity_technology', 'color'],
    themes: ['COLOR'],
  },
  CELLULAR_PHONE_CASE: {
    displayName: 'Cellular Phone Case',
    keywords: ['phone case', 'iphone case', 'case', 'cover', 'phone cover'],
    itemType: 'basic-cases',
    adds: ['compatible_phone_models', 'special_feature', 'pattern'],
    requires: ['compatible_phone_models', 'material', 'color'],
    themes: ['COLOR', 'PATTERN', 'STYLE'],
  },
  CHARGING_ADAPTER: {
    displayName: 'Charging Adapter',
    keywords: ['charger', 'charging adapter', 'power adapter', 'wall charger', 'power bank'],
    itemType: 'cell-phone-chargers',
    adds: ['connector_type', 'wattage', 'has_batteries'],
    requires: ['connector_type', 'wattage'],
    themes: ['COLOR', 'STYLE'],
  },
  ELECTRONIC_CABLE: {
    displayName: 'Electronic Cable',
    keywords: ['cable', 'usb cable', 'charging cable', 'hdmi', 'cord'],
    itemType: 'usb-cables',
    adds: ['connector_type', 'cable_length'],
    requires: ['connector_type', 'cable_length'],
    themes: ['COLOR', 'SIZE'],
  },
  SCREEN_PROTECTOR: {
    displayName: 'Screen Protector',
    keywords: ['screen protector', 'tempered glass', 'screen guard', 'glass protector'],
    itemType: 'screen-protectors',
    adds: ['compatible_phone_models', 'number_of_pieces'],
    requires: ['compatible_phone_models', 'material'],
    themes: ['STYLE'],
  },
  PET_SUPPLIES: {
    displayName: 'Pet Supplies',
    keywords: ['pet', 'dog', 'cat', 'leash', 'pet bowl', 'litter'],
    itemType: 'pet-supplies',
    adds: ['target_species', 'pet_life_stage', 'special_feature'],
    requires: ['target_species'],
    themes: ['COLOR', 'SIZE', 'SIZE_COLOR'],
  },
  PET_TOY: {
    displayName: 'Pet Toy',
    keywords: ['dog toy', 'cat toy', 'chew toy', 'pet toy'],
    itemType: 'dog-toys',
    adds: ['target_species', 'pet_life_stage'],
    requires: ['target_species', 'material'],
    themes: ['COLOR', 'SIZE'],
  },
  ANIMAL_COLLAR: {
    displayName: 'Animal Collar',
    keywords: ['collar', 'dog collar', 'cat collar', 'harness'],
    itemType: 'dog-collars',
    adds: ['target_species', 'closure_type'],
    requires: ['target_species', 'material', 'size'],
    themes: ['COLOR', 'SIZE', 'SIZE_COLOR'],
  },
  OFFICE_PRODUCTS: {
    displayName: 'Office Products',
    keywords: ['office', 'stationery', 'notebook', 'planner', 'stapler', 'folder', 'desk organizer'],
    itemType: 'office-products',
    adds: ['paper_size', 'number_of_pieces', 'special_feature'],
    requires: ['material'],
    themes: ['COLOR', 'SIZE', 'STYLE'],
  },
  WRITING_INSTRUMENT: {
    displayName: 'Writing Instrument',
    keywords: ['pen', 'pens', 'pencil', 'marker', 'highlighter', 'fountain pen'],
    itemType: 'ballpoint-pens',
    adds: ['ink_color', 'point_type', 'number_of_pieces'],
    requires: ['ink_color', 'number_of_pieces'],
    themes: ['COLOR', 'STYLE'],
  },
};

const THEME_LABELS: Record<string, string> = {
  COLOR: 'Color',
  SIZE: 'Size',
  SIZE_COLOR: 'Size & Color',
  COLOR_SIZE: 'Color & Size',
  PATTERN: 'Pattern',
  SCENT: 'Scent',
  STYLE: 'Style',
};

function build(name: string, row: TypeRow) {
  return (ctx: SchemaContext): Json => {
    const props: Json = { ...commonAttributes(ctx, row.itemType) };
    for (const a of row.adds) props[a] = VOCABULARY[a]!();
    for (const r of row.requires) if (!(r in props)) props[r] = VOCABULARY[r as Vocab]!();
    props.variation_theme = variationTheme(row.themes.map((t) => [t, THEME_LABELS[t] ?? t] as const));
    return productTypeSchema(ctx, {
      name,
      comment: `sp-api-mcp emulator seed for ${name} (our own abridged schema in Amazon product type format, from a table)`,
      required: ['item_name', 'brand', 'item_type_keyword', 'bullet_point', 'product_description', 'country_of_origin', ...row.requires],
      properties: props,
      allOf: [
        ...commonRules(),
        ...(row.sizeAndColor ? [{ if: { not: hasValue('parentage_level', ['parent']) }, then: { required: ['size', 'color'] } }] : []),
      ],
    });
  };
}

export const TABLE_TYPES = Object.fromEntries(
  Object.entries(TABLE).map(([name, row]) => [
    name,
    {
      displayName: row.displayName,
      keywords: row.keywords,
      build: build(name, row),
      groups: (schema: Json) => groupProperties(schema.properties as Json, [...row.adds]),
    },
  ]),
);
